using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using VodManager.Core;
using VodManager.Core.Data.Entities;
using VodManager.Core.Detection;
using VodManager.Core.Jobs;
using VodManager.Core.Nodes;
using VodManager.Core.Refinement;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Refinement;

/// <summary>The refiner over real SQLite: caps, append-only history, visible failures, the outcome metric, the run after detection.</summary>
public sealed class RefinerTests
{
    [Fact]
    public async Task The_per_run_cap_refines_the_best_scored_first_and_marks_the_rest_skipped()
    {
        await using var s = await RefinementScenario.StartAsync(configure: c => c.AddFakeLogging().AddLogging(b => b.SetMinimumLevel(LogLevel.Information)));
        var highlights = new List<Highlight>();
        for (var i = 0; i < 7; i++)
        {
            highlights.Add(await s.AddHighlightAsync(i * 30, i * 30 + 20, score: i));
        }

        var reported = new List<JobProgress>();
        var run = await s.Host.Get<Refiner>().RunAsync(new RefineRequest { AccountId = s.AccountId, StreamId = s.StreamId, RequestedBy = "tester" },
            new SyncProgress(reported.Add), "refine:test", CancellationToken.None);

        Assert.Equal(7, run.Results.Count);
        // The job row says a highlight past the cap is skipped, not refined.
        Assert.Equal(["refining 5 of 7", "skipping 6 of 7", "skipping 7 of 7"], reported.Skip(4).Take(3).Select(p => p.Stage));
        Assert.EndsWith(": cap reached (5 per run, the best-ranked first); refine it on its own", reported[5].Message);
        var best = highlights.OrderByDescending(h => h.Score).Take(5).Select(h => h.Id).ToHashSet();
        foreach (var h in highlights)
        {
            var row = await s.HighlightAsync(h.Id);
            if (best.Contains(h.Id))
            {
                Assert.Equal(RefinementStatus.Refined, row.RefinementStatus);
            }
            else
            {
                Assert.Equal(RefinementStatus.Skipped, row.RefinementStatus);
                Assert.Equal("cap reached (5 per run, the best-ranked first); refine it on its own", row.RefinementReason);
                Assert.Empty(row.RefinementAttempts);
                Assert.Null(row.RefinedStart);
            }
        }

        // The cap is reached by design on every stream with more highlights than it: logged, not warned about.
        var skips = s.Host.Get<FakeLogCollector>().GetSnapshot().Where(r => r.Id.Name == "RefinementSkipped").ToList();
        Assert.Equal(2, skips.Count);
        Assert.All(skips, r => Assert.Equal(LogLevel.Information, r.Level));
    }

    [Fact]
    public async Task The_automatic_run_leaves_bounds_an_editor_chose_and_a_selection_still_refines_them()
    {
        await using var s = await RefinementScenario.StartAsync();
        var detected = await s.AddHighlightAsync(10, 30, score: 3);
        var marked = await s.AddHighlightAsync(40, 60, score: 5, h => { h.AddedBy = "ed"; h.AddedAt = DateTime.UtcNow; });
        var trimmed = await s.AddHighlightAsync(70, 90, score: 4, h => { h.TrimStart = 72; h.TrimEnd = 88; h.TrimmedBy = "ed"; h.TrimmedAt = DateTime.UtcNow; });

        var run = await s.RefineAsync();

        Assert.Equal([detected.Id], run.Results.Select(r => r.HighlightId));
        Assert.Equal(RefinementStatus.Refined, (await s.HighlightAsync(detected.Id)).RefinementStatus);
        foreach (var editors in new[] { marked, trimmed })
        {
            var row = await s.HighlightAsync(editors.Id);
            Assert.Equal((RefinementStatus.NotRefined, null), (row.RefinementStatus, row.RefinedStart));
            Assert.Empty(row.RefinementAttempts);
        }

        await s.RefineAsync([marked.Id]);
        Assert.Equal(RefinementStatus.Refined, (await s.HighlightAsync(marked.Id)).RefinementStatus);
    }

    [Fact]
    public async Task The_per_day_cap_holds_across_runs_and_re_detection_until_the_next_utc_day()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 22, 0, 0, TimeSpan.Zero));
        await using var s = await RefinementScenario.StartAsync(configure: c => c.AddSingleton<TimeProvider>(clock).AddFakeLogging(), account: a => a.RefinementsPerDay = 3);
        var first = new[] { await s.AddHighlightAsync(0, 20, 9), await s.AddHighlightAsync(30, 50, 8) };
        await s.RefineAsync();
        var more = new[] { await s.AddHighlightAsync(60, 80, 7), await s.AddHighlightAsync(90, 110, 6) };

        var second = await s.RefineAsync();

        Assert.Equal([RefineOutcome.Refined, RefineOutcome.Skipped], second.Results.Select(r => r.Outcome));
        Assert.Equal("cap reached (3 per day for this account); more after midnight UTC", (await s.HighlightAsync(more[1].Id)).RefinementReason);
        // An account out of its day's refinements is worth an operator's look.
        Assert.Equal(LogLevel.Warning, Assert.Single(s.Host.Get<FakeLogCollector>().GetSnapshot(), r => r.Id.Name == "RefinementSkipped").Level);

        // Re-detection replaces highlights (and their history): the day's count must not go with them.
        await using (var db = await s.Host.DbAsync())
        {
            await db.Highlights.ExecuteDeleteAsync();
        }

        var fresh = await s.AddHighlightAsync(0, 20, 9);
        Assert.Equal(RefineOutcome.Skipped, Assert.Single((await s.RefineAsync()).Results).Outcome);

        clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(RefineOutcome.Refined, Assert.Single((await s.RefineAsync()).Results).Outcome);
        Assert.Equal(1, await s.Host.Get<RefinementBudget>().UsedTodayAsync(s.AccountId, CancellationToken.None));
        Assert.Equal(RefinementStatus.Refined, (await s.HighlightAsync(fresh.Id)).RefinementStatus);
        _ = first;
    }

    [Fact]
    public async Task A_rerun_appends_a_new_run_and_keeps_every_earlier_iteration_untouched()
    {
        // A video, for the heuristic's run: it refines from sound and shots.
        await using var s = await RefinementScenario.StartAsync(media: [new(45, SegmentedMedia.Quiet)]);
        var highlight = await s.AddHighlightAsync(10, 40);
        await s.RefineAsync();
        var before = (await s.HighlightAsync(highlight.Id)).RefinementAttempts;

        await s.RefineAsync([highlight.Id], backend: HeuristicBackend.BackendName);

        var after = (await s.HighlightAsync(highlight.Id)).RefinementAttempts;
        Assert.Equal([(1, 1), (1, 2)], before.Select(a => (a.Run, a.Iteration)));
        Assert.Equal(before.Select(a => (a.Id, a.Run, a.Iteration, a.Backend, a.ProposedStart, a.ProposedEnd, a.Reason, a.RawResponse)),
            after.Where(a => a.Run == 1).Select(a => (a.Id, a.Run, a.Iteration, a.Backend, a.ProposedStart, a.ProposedEnd, a.Reason, a.RawResponse)));
        Assert.Contains(after, a => a.Run == 2 && a.Backend == HeuristicBackend.BackendName);
        Assert.All(after, a => Assert.False(string.IsNullOrEmpty(a.InputSummary)));
        // Mock: 10–40 → 11–39 on the first iteration, kept on the second.
        Assert.Equal((11.0, 39.0), (before[0].ProposedStart!.Value, before[0].ProposedEnd!.Value));
    }

    [Fact]
    public async Task A_failure_shows_on_the_highlight_in_history_as_a_log_event_and_in_the_metric_and_the_rest_go_on()
    {
        await using var s = await RefinementScenario.StartAsync(GeminiBackend.BackendName, configure: c => c.AddFakeLogging());
        var logs = s.Host.Get<FakeLogCollector>();
        var failing = await s.AddHighlightAsync(10, 40, 9);
        var next = await s.AddHighlightAsync(60, 90, 8);
        using var outcomes = new MetricCollector<long>(s.Host.Get<System.Diagnostics.Metrics.IMeterFactory>(), RefinementMetrics.MeterName, RefinementMetrics.OutcomesName);

        var run = await s.RefineAsync();

        Assert.All(run.Results, r => Assert.Equal(RefineOutcome.Failed, r.Outcome));
        var row = await s.HighlightAsync(failing.Id);
        Assert.Equal(RefinementStatus.Failed, row.RefinementStatus);
        Assert.Contains("Refinement:Gemini:ApiKey", row.RefinementReason);
        var attempt = Assert.Single(row.RefinementAttempts);
        Assert.Contains("Refinement:Gemini:ApiKey", attempt.Error);
        Assert.Null(attempt.ProposedStart);
        Assert.Equal(RefinementStatus.Failed, (await s.HighlightAsync(next.Id)).RefinementStatus);

        var failure = Assert.Single(logs.GetSnapshot(), r => r.Id.Name == "RefinementFailed" && r.Message.Contains($"highlight {failing.Id} "));
        Assert.Equal(LogLevel.Error, failure.Level);
        Assert.Equal(2, outcomes.GetMeasurementSnapshot().Count(m => m.Tags["backend"] as string == "gemini" && m.Tags["outcome"] as string == "failed"));
    }

    [Fact]
    public async Task The_outcome_metric_counts_refined_not_clipable_and_skipped_by_backend()
    {
        await using var s = await RefinementScenario.StartAsync(account: a => a.RefinementsPerRun = 2);
        await s.AddHighlightAsync(10, 40, 9);
        await s.AddHighlightAsync(50, 55, 8);
        await s.AddHighlightAsync(60, 90, 7);
        using var outcomes = new MetricCollector<long>(s.Host.Get<System.Diagnostics.Metrics.IMeterFactory>(), RefinementMetrics.MeterName, RefinementMetrics.OutcomesName);

        await s.RefineAsync();

        var counted = outcomes.GetMeasurementSnapshot().Select(m => ($"{m.Tags["backend"]}", $"{m.Tags["outcome"]}", m.Value)).Order().ToList();
        Assert.Equal([("mock", "not_clipable", 1L), ("mock", "refined", 1L), ("mock", "skipped", 1L)], counted);
    }

    [Fact]
    public async Task Unknown_backend_refinement_off_and_foreign_highlights_are_refused_by_name()
    {
        await using var s = await RefinementScenario.StartAsync();
        var highlight = await s.AddHighlightAsync(10, 40);
        var requests = s.Host.Get<RefinementJobs>();

        var unknown = await Assert.ThrowsAsync<RefinementException>(() => requests.RefineAsync(s.AccountId, s.StreamId, null, "gpt", "tester", CancellationToken.None));
        Assert.Contains("'gpt' is not a refinement backend", unknown.Message);
        Assert.Contains("heuristic", unknown.Message);

        var foreign = await Assert.ThrowsAsync<RefinementException>(() => requests.RefineAsync(s.AccountId + 1, s.StreamId, [highlight.Id], null, "tester", CancellationToken.None));
        Assert.Equal($"Stream {s.StreamId} was not found.", foreign.Message);
        var missing = await Assert.ThrowsAsync<RefinementException>(() => requests.RefineAsync(s.AccountId, s.StreamId, [highlight.Id, 999], null, "tester", CancellationToken.None));
        Assert.Contains("Highlight 999 was not found", missing.Message);
        Assert.Equal(RefinementStatus.NotRefined, (await s.HighlightAsync(highlight.Id)).RefinementStatus);

        await s.SetAccountAsync(a => a.RefinementBackend = null);
        var off = await Assert.ThrowsAsync<RefinementException>(() => s.RefineAsync());
        Assert.Contains("Refinement is off", off.Message);
    }

    [Fact]
    public async Task A_stored_source_that_went_missing_fails_the_heuristic_with_a_reason()
    {
        await using var s = await RefinementScenario.StartAsync(HeuristicBackend.BackendName, SegmentedMedia.ShortBurst);
        var highlight = await s.AddHighlightAsync(5, 13);
        File.Delete(s.Host.Get<Core.Storage.IVodStorage>().TryGetLocalPath(s.Source!.StorageKey)!);

        await s.RefineAsync();

        var row = await s.HighlightAsync(highlight.Id);
        Assert.Equal(RefinementStatus.Failed, row.RefinementStatus);
        Assert.Contains("missing from storage", row.RefinementReason);
        Assert.Empty(Directory.GetFiles(s.Host.Get<WorkAreas>().Refine.Folder is var t && Directory.Exists(t) ? t : s.Host.DataFolder, "*.mp3", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_highlight_that_runs_past_the_end_of_the_video_is_refined_inside_it()
    {
        await using var s = await RefinementScenario.StartAsync(MockBackend.BackendName, SegmentedMedia.LoudInTheMiddle);
        var highlight = await s.AddHighlightAsync(22, 35);

        await s.RefineAsync();

        // The 30 s video bounds the first iteration at 22–30; the mock then trims a second off each end.
        var row = await s.HighlightAsync(highlight.Id);
        Assert.Equal(RefinementStatus.Refined, row.RefinementStatus);
        Assert.Equal((23, 29), (row.RefinedStart!.Value, row.RefinedEnd!.Value));
        Assert.StartsWith("bounds 22–30 s;", row.RefinementAttempts[0].InputSummary);
    }

    [Fact]
    public async Task At_start_up_highlights_a_refinement_that_will_not_run_again_left_unfinished_go_back_and_a_running_ones_stay()
    {
        await using var s = await RefinementScenario.StartAsync();
        var queued = await s.AddHighlightAsync(5, 20);
        var running = await s.AddHighlightAsync(30, 40, tweak: h => (h.RefinedStart, h.RefinedEnd) = (31, 39)); // refined by an earlier run
        await MarkAsync(RefinementStatus.Queued, queued.Id);
        await MarkAsync(RefinementStatus.Running, running.Id);
        await AddRefineJobAsync("a-node-that-died"); // a killed command line's run

        await s.Host.Get<InterruptedJobs>().SettleAsync((_, _) => Task.FromResult(false), CancellationToken.None);
        var reset = await s.Host.Get<RefinementHistory>().ResetAbandonedAsync(CancellationToken.None);

        Assert.Equal(2, reset);
        Assert.Equal(RefinementStatus.NotRefined, (await s.HighlightAsync(queued.Id)).RefinementStatus);
        Assert.Equal(RefinementStatus.Refined, (await s.HighlightAsync(running.Id)).RefinementStatus);

        // A run the command line is still making, in a live process, keeps its highlights queued.
        await MarkAsync(RefinementStatus.Queued, queued.Id);
        await AddRefineJobAsync(s.Host.Get<LocalNode>().Id);
        await s.Host.Get<InterruptedJobs>().SettleAsync((_, _) => Task.FromResult(false), CancellationToken.None);
        Assert.Equal(0, await s.Host.Get<RefinementHistory>().ResetAbandonedAsync(CancellationToken.None));
        Assert.Equal(RefinementStatus.Queued, (await s.HighlightAsync(queued.Id)).RefinementStatus);

        async Task MarkAsync(RefinementStatus status, int highlightId)
        {
            await using var db = await s.Host.DbAsync();
            await db.Highlights.Where(h => h.Id == highlightId).ExecuteUpdateAsync(u => u.SetProperty(h => h.RefinementStatus, status));
        }

        async Task AddRefineJobAsync(string node)
        {
            await using var db = await s.Host.DbAsync();
            db.Jobs.Add(Builders.Job(s.AccountId, s.StreamId, RefineRequest.JobKind, JobStatus.Running, node));
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task Detection_starts_the_automatic_run_when_the_account_has_refinement_on()
    {
        await using var s = await RefinementScenario.StartAsync(account: a => a.RefinementsPerRun = 2);
        await using var off = await RefinementScenario.StartAsync(account: a => a.AutoRefine = false);
        foreach (var scenario in new[] { s, off })
        {
            await scenario.Host.Get<Core.Ingest.IngestService>().ImportAsync(scenario.AccountId, scenario.StreamId, Core.Ingest.IngestKind.Chat,
                Ingest.Parsers.RealChat(Ingest.Parsers.BigRealLog), null, CancellationToken.None);
            await scenario.Host.Get<DetectionService>().DetectAsync(scenario.AccountId, scenario.StreamId, null, CancellationToken.None);
        }

        await using var db = await s.Host.DbAsync();
        var refined = await db.Highlights.Where(h => h.StreamId == s.StreamId).OrderByDescending(h => h.Score).Select(h => h.RefinementStatus).ToListAsync();
        Assert.True(refined.Count > 2, $"{refined.Count} highlights");
        Assert.All(refined.Take(2), status => Assert.Equal(RefinementStatus.Refined, status));
        Assert.All(refined.Skip(2), status => Assert.Equal(RefinementStatus.Skipped, status));
        await using var offDb = await off.Host.DbAsync();
        Assert.All(await offDb.Highlights.Select(h => h.RefinementStatus).ToListAsync(), status => Assert.Equal(RefinementStatus.NotRefined, status));
        Assert.False(await offDb.RefinementAttempts.AnyAsync());
    }

    [Fact]
    public async Task The_automatic_run_waits_while_the_streams_first_video_is_being_uploaded()
    {
        // A new stream's chat is in and detected while its video still goes up: refining then (no picture, no sound)
        // would be done again once the video is stored, each best moment costing two hosted-model calls.
        await using var s = await RefinementScenario.StartAsync(settings: new Dictionary<string, string?> { ["Import:UploadIdleAfter"] = "00:00:02" });
        await s.Host.Get<Core.Ingest.Uploads.VideoUploadService>().StartAsync(s.AccountId, s.StreamId, new Core.Ingest.Uploads.UploadRequest("my stream.mp4", 5_000_000), CancellationToken.None);
        await s.Host.Get<Core.Ingest.IngestService>().ImportAsync(s.AccountId, s.StreamId, Core.Ingest.IngestKind.Chat,
            Ingest.Parsers.RealChat(Ingest.Parsers.BigRealLog), null, CancellationToken.None);
        await s.Host.Get<DetectionService>().DetectAsync(s.AccountId, s.StreamId, null, CancellationToken.None);

        await using (var db = await s.Host.DbAsync())
        {
            Assert.True(await db.Highlights.CountAsync(h => h.StreamId == s.StreamId) > 0);
            Assert.All(await db.Highlights.Select(h => h.RefinementStatus).ToListAsync(), status => Assert.Equal(RefinementStatus.NotRefined, status));
            Assert.False(await db.RefinementAttempts.AnyAsync());
            Assert.False(await db.Jobs.AnyAsync(j => j.Kind == RefineRequest.JobKind));
        }

        // The browser stopped sending (the tab closed): the video may never come, so the next detection refines.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await s.Host.Get<DetectionService>().DetectAsync(s.AccountId, s.StreamId, null, CancellationToken.None);
        await using (var db = await s.Host.DbAsync())
        {
            Assert.Contains(RefinementStatus.Refined, await db.Highlights.Select(h => h.RefinementStatus).ToListAsync());
        }
    }

    [Fact]
    public async Task A_new_streams_chat_detected_while_its_video_follows_waits_for_the_video_to_refine()
    {
        // The new stream dialog hands the video to the upload only once the stream exists, and a small chat is imported
        // and detected before the browser has sent anything: no upload is running yet, but a video follows.
        var settings = new Dictionary<string, string?> { ["Import:Roots:0"] = Path.GetDirectoryName(Streams.RealChat.Small) };
        await using var s = await RefinementScenario.StartAsync(settings: settings);
        var streams = s.Host.Get<Core.Streams.NewStreamService>();
        var chat = new Core.Streams.NewStreamFiles(Chat: Streams.RealChat.Small);

        var waiting = await streams.CreateAsync(s.AccountId, chat with { VideoUploadFollows = true }, Core.Streams.StreamMetadata.Empty, "tester", false, CancellationToken.None);
        var refined = await streams.CreateAsync(s.AccountId, chat, Core.Streams.StreamMetadata.Empty, "tester", false, CancellationToken.None);

        await using var db = await s.Host.DbAsync();
        foreach (var stream in new[] { waiting, refined })
        {
            Assert.True(await db.Highlights.CountAsync(h => h.StreamId == stream) > 0, $"stream {stream} has no highlights");
        }

        Assert.All(await db.Highlights.Where(h => h.StreamId == waiting).Select(h => h.RefinementStatus).ToListAsync(), status => Assert.Equal(RefinementStatus.NotRefined, status));
        Assert.False(await db.Jobs.AnyAsync(j => j.StreamId == waiting && j.Kind == RefineRequest.JobKind));
        Assert.Contains(RefinementStatus.Refined, await db.Highlights.Where(h => h.StreamId == refined).Select(h => h.RefinementStatus).ToListAsync());
    }

    [Fact]
    public async Task A_detection_with_another_queued_behind_it_leaves_the_refinement_to_that_one()
    {
        // The video was stored while the chat's detection ran: a detection with the video is queued, and its end refines
        // what it finds; refining at the first one's end as well would refine each best moment twice.
        await using var s = await RefinementScenario.StartAsync();
        await s.Host.Get<Core.Ingest.IngestService>().ImportAsync(s.AccountId, s.StreamId, Core.Ingest.IngestKind.Chat,
            Ingest.Parsers.RealChat(Ingest.Parsers.BigRealLog), null, CancellationToken.None);
        var queued = new DetectHighlightsRequest { AccountId = s.AccountId, StreamId = s.StreamId, RequestedBy = "system" };
        var queuedId = await s.Host.Get<JobTracker>().RecordQueuedAsync(queued, CancellationToken.None);

        await s.Host.Get<DetectionService>().DetectAsync(s.AccountId, s.StreamId, null, CancellationToken.None);

        await using (var db = await s.Host.DbAsync())
        {
            Assert.False(await db.Jobs.AnyAsync(j => j.Kind == RefineRequest.JobKind));
        }

        // The queued one runs, as the scheduler runs it: its end refines.
        Assert.True((await s.Host.Get<JobExecutor>().ExecuteAsync(queuedId, queued, recovering: false, CancellationToken.None)).Succeeded);
        await using (var db = await s.Host.DbAsync())
        {
            Assert.Equal(1, await db.Jobs.CountAsync(j => j.Kind == RefineRequest.JobKind));
            Assert.Contains(RefinementStatus.Refined, await db.Highlights.Select(h => h.RefinementStatus).ToListAsync());
        }
    }
}
