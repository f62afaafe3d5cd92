using Microsoft.Playwright;
using VodManager.Core.Data.Entities;
using VodManager.Core.Jobs;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.E2E;

/// <summary>
/// An editor's page on one node follows a job that runs on another node (two sets of real services on one PostgreSQL
/// and a private Redis) through Redis; when Redis dies the page says so and follows the job table, and is live again
/// when Redis returns.
/// </summary>
public sealed class ProgressFallbackTests
{
    private sealed record TestRequest : JobRequest
    {
        public override string Kind => "test";

        public override string Describe() => "A job on the other node";
    }

    [Fact]
    public async Task The_page_falls_back_to_the_job_table_while_Redis_is_down_shows_the_job_finish_and_is_live_again_after()
    {
        await using var redis = await Redis.StartNewAsync();
        var settings = await TestDatabase.SettingsAsync(DatabaseEngine.PostgreSql, new Dictionary<string, string?>
        {
            ["Progress:Redis"] = redis.ConnectionString,
            ["Progress:ChannelPrefix"] = "t" + Guid.NewGuid().ToString("N"),
            ["Progress:PollInterval"] = "00:00:00.5",
        });
        await using var worker = await CoreHost.StartAsync(settings);
        var (account, stream) = await worker.AddAccountWithStreamAsync();
        await using var app = await RunningApp.StartAsync(settings);
        var editor = await app.AddUserAsync(account.Id, AccountRole.Editor);
        var context = await Browser.NewSignedInContextAsync(app.BaseUrl, editor);
        var page = await Browser.OpenAsync(context, new Uri(app.BaseUrl, $"/streams/{stream.Id}"));

        var tracker = worker.Get<JobTracker>();
        var request = new TestRequest { AccountId = account.Id, StreamId = stream.Id };
        var jobId = await tracker.RecordQueuedAsync(request, CancellationToken.None);
        var run = await tracker.StartAsync(jobId, request, CancellationToken.None);
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

        await redis.RestartAsync();
        await Assertions.Expect(paused).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Wait.UntilAsync(() => worker.Get<IProgressBus>().IsLive, "the worker node did not reconnect to Redis");

        // Only on the bus, never in the job table: it can reach the page through Redis alone.
        var liveOnly = new JobUpdate(Guid.NewGuid(), account.Id, stream.Id, "test", "Live again", JobStatus.Running, "live", 42, null, null, null, DateTime.UtcNow);
        worker.Get<IProgressBus>().Publish(liveOnly);
        await Assertions.Expect(page.Locator($"[data-testid=job-row][data-job-id='{liveOnly.JobId}']").First)
            .ToHaveAttributeAsync("data-status", nameof(JobStatus.Running), new() { Timeout = 30_000 });
        await context.CloseAsync();
    }
}
