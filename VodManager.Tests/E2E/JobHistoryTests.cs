using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using VodManager.Core.Data.Entities;
using VodManager.Core.Jobs;
using VodManager.Web.Components;
using VodManager.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace VodManager.Tests.E2E;

/// <summary>The stream page lists the jobs the job table holds, not only those this node heard in the last minutes.</summary>
[Collection(DemoEditorCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class JobHistoryTests(DemoEditorApp demo) : IAsyncLifetime
{
    private IBrowserContext _context = default!;

    public async Task InitializeAsync() => _context = await Browser.NewSignedInContextAsync(demo.App.BaseUrl);

    public Task DisposeAsync() => _context.DisposeAsync().AsTask();

    [Fact]
    public async Task A_job_that_failed_in_another_process_is_on_the_stream_page_with_its_error_and_when()
    {
        // What `import` on the command line (another process: this node's bus never hears it) leaves in the job table.
        var finished = DateTime.UtcNow;
        var job = new JobRecord
        {
            Id = Guid.NewGuid(),
            AccountId = demo.Stream.AccountId,
            StreamId = demo.Stream.Id,
            Kind = "import-data",
            Title = "Import chat from the command line.json",
            Status = JobStatus.Failed,
            Stage = "failed",
            Percent = 40,
            Error = "from the command line.json: line 12 is not JSON",
            CreatedAt = finished.AddMinutes(-1),
            StartedAt = finished.AddMinutes(-1),
            FinishedAt = finished,
        };
        await using (var db = await EditorData.Db(demo.App.Services))
        {
            db.Jobs.Add(job);
            await db.SaveChangesAsync();
        }

        try
        {
            Assert.DoesNotContain(demo.App.Get<IProgressBus>().Recent(demo.Stream.AccountId), j => j.JobId == job.Id);
            var page = await Browser.OpenAsync(_context, demo.StreamUrl);
            var row = page.Locator($"main [data-testid=job-list] [data-testid=job-row][data-job-id='{job.Id}']");
            await Expect(row).ToHaveAttributeAsync("data-status", "Failed");
            await Expect(row.GetByTestId("job-error")).ToHaveTextAsync(job.Error);
            await Expect(row.GetByTestId("job-finished-at")).ToHaveTextAsync("· " + Browser.Local(finished).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
            await Browser.ScreenshotAsync(page, "stream-job-history");

            // The jobs drawer spans the account's streams: the row names its stream and leads to it.
            await page.GetByRole(AriaRole.Button, new() { Name = "Show jobs" }).ClickAsync();
            var inDrawer = page.Locator($".mud-drawer [data-testid=job-row][data-job-id='{job.Id}']");
            var stream = inDrawer.GetByTestId("job-stream");
            await Expect(stream).ToHaveTextAsync(demo.Stream.Title);
            await Expect(stream).ToHaveAttributeAsync("href", $"/streams/{demo.Stream.Id}");
            await Expect(page.Locator(".mud-drawer--open")).ToBeVisibleAsync();
            await Task.Delay(500); // the drawer's slide-in, for the picture only
            await Browser.ScreenshotAsync(page, "jobs-drawer-history", fullPage: false);
        }
        finally
        {
            // The collection's other tests share the demo stream.
            await using var db = await EditorData.Db(demo.App.Services);
            await db.Jobs.Where(j => j.Id == job.Id).ExecuteDeleteAsync();
        }
    }
}
