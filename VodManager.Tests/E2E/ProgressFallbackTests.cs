using Microsoft.Playwright;
using VodManager.Core.Accounts;
using VodManager.Core.Editing;
using VodManager.Core.Jobs;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.E2E;

/// <summary>
/// An editor's page on one node follows a job that runs on another node (two sets of real services on one PostgreSQL
/// and a private Redis) through Redis; when Redis dies the page says so and follows the job table, and is live again
/// when Redis returns, having read again what editors on the other node changed meanwhile.
/// </summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class ProgressFallbackTests
{
    [Fact]
    public async Task The_page_falls_back_to_the_job_table_while_Redis_is_down_shows_the_job_finish_and_is_live_again_after()
    {
        await using var redis = await Redis.StartNewAsync();
        var settings = await TestJob.RedisNodeSettingsAsync(redis, TimeSpan.FromMilliseconds(500));
        await using var worker = await CoreHost.StartAsync(settings);
        var (account, stream) = await worker.AddAccountWithStreamAsync();
        var highlight = (await EditorData.AddHighlightsAsync(worker.Services, account.Id, stream.Id))[0];
        await using var app = await RunningApp.StartAsync(settings);
        var editor = await app.AddUserAsync(account.Id, AccountRole.Editor);
        var context = await Browser.NewSignedInContextAsync(app.BaseUrl, editor);
        var page = await Browser.OpenAsync(context, new Uri(app.BaseUrl, $"/streams/{stream.Id}"));

        var (jobId, run) = await TestJob.StartAsync(worker, account.Id, stream.Id, "A job on the other node");
        run.Report(new JobProgress("before", 10));
        var row = page.Locator($"[data-testid=job-row][data-job-id='{jobId}']").First;
        await Assertions.Expect(row.GetByTestId("job-percent")).ToHaveTextAsync("10%");
        var paused = page.GetByTestId("progress-paused").First;
        await Assertions.Expect(paused).ToHaveCountAsync(0);

        redis.Kill();
        await Assertions.Expect(paused).ToBeVisibleAsync(new() { Timeout = 30_000 });
        run.Report(new JobProgress("while Redis is down", 60));
        await run.SucceedAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", nameof(JobStatus.Succeeded), new() { Timeout = 30_000 });
        await Browser.ScreenshotAsync(page, "progress-paused-job-finished-from-the-table");

        // A change by hand on the other node is not in the job table: it is lost on the way, and read when Redis is back.
        var dismissedRow = page.Locator("tbody tr", new() { Has = page.Locator($"[data-testid=rank]:text-is('{highlight.Rank}')") });
        await Assertions.Expect(dismissedRow).ToHaveCountAsync(1);
        await worker.Get<HighlightEditor>().DismissAsync(account.Id, [highlight.Id], "alice", CancellationToken.None);
        await Task.Delay(2_000); // four polls of the job table
        Assert.Equal(1, await dismissedRow.CountAsync());

        await redis.RestartAsync();
        await Assertions.Expect(paused).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Assertions.Expect(dismissedRow).ToHaveCountAsync(0);
        await Wait.UntilAsync(() => worker.Get<IProgressBus>().IsLive, "the worker node did not reconnect to Redis");

        // Only on the bus, never in the job table: it can reach the page through Redis alone.
        var liveOnly = new JobUpdate(Guid.NewGuid(), account.Id, stream.Id, "test", "Live again", JobStatus.Running, "live", 42, null, null, null, DateTime.UtcNow);
        worker.Get<IProgressBus>().Publish(liveOnly);
        await Assertions.Expect(page.Locator($"[data-testid=job-row][data-job-id='{liveOnly.JobId}']").First)
            .ToHaveAttributeAsync("data-status", nameof(JobStatus.Running), new() { Timeout = 30_000 });
        await context.CloseAsync();
    }
}
