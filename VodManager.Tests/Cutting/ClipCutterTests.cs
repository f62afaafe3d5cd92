using Microsoft.EntityFrameworkCore;
using VodManager.Core.Cutting;
using VodManager.Core.Editing;
using VodManager.Core.Data.Entities;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Media;
using VodManager.Core.Notifications;
using VodManager.Core.Quota;
using VodManager.Core.Storage;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Cutting;

/// <summary>The cutter on local-disk storage with real ffmpeg, on SQLite and PostgreSQL: the three modes, idempotency and the ledger.</summary>
public abstract class ClipCutterTests
{
    protected abstract DatabaseEngine Engine { get; }

    private async Task<CutScenario> StartAsync(IDictionary<string, string?>? settings = null) =>
        await CutScenario.StartAsync(await TestDatabase.SettingsAsync(Engine, settings));

    [Fact]
    public async Task Copy_cut_stores_a_clip_that_starts_on_the_keyframe_before_the_asked_start()
    {
        await using var s = await StartAsync();
        var highlight = await s.AddHighlightAsync(5.3, 9.0);

        var result = Assert.Single(await s.CutAsync(CutMode.Copy, highlight.Id));

        Assert.Equal(CutOutcome.Cut, result.Outcome);
        var cut = await s.HighlightAsync(highlight.Id);
        Assert.Equal(ClipStatus.Done, cut.ClipStatus);
        var clip = cut.ClipVod!;
        Assert.Equal($"highlight-{highlight.Id}", clip.ExternalId);
        Assert.Equal(VodProvenance.AutoClip, clip.Provenance);
        Assert.Equal(CutMode.Copy, clip.CutMode);
        Assert.Equal(highlight.Id, clip.HighlightId);
        Assert.Equal(4.0, clip.SourceStartSeconds!.Value, 2); // 2 s GOP: the keyframe at 4 s
        Assert.Equal(9.0, clip.SourceEndSeconds!.Value, 2);
        Assert.InRange(clip.DurationSeconds!.Value, 4.9, 5.1);
        // Its name says what it holds, as the library's bounds beside it do, not the 0:05.3 asked for.
        Assert.EndsWith($" – highlight #{highlight.Rank} (0:04.0–0:09.0)", clip.Title);
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task Copy_cut_records_the_real_start_from_the_cached_keyframe_index()
    {
        await using var s = await StartAsync();
        await s.Host.Get<MediaIndexService>().GetOrComputeAsync(s.Source, null, CancellationToken.None);
        var highlight = await s.AddHighlightAsync(7.9, 11.0);

        await s.CutAsync(CutMode.Copy, highlight.Id);

        var index = await s.Host.Get<MediaIndexService>().TryGetAsync(s.Source.Id, CancellationToken.None);
        var plan = CopyCutPlanner.Plan(index!, 7.9, 11.0);
        Assert.Equal(6.0, plan.RealStart, 2);
        Assert.Equal(plan.RealStart, (await s.HighlightAsync(highlight.Id)).ClipVod!.SourceStartSeconds!.Value, 3);
    }

    [Fact]
    public async Task Precise_cut_is_frame_accurate()
    {
        await using var s = await StartAsync();
        var highlight = await s.AddHighlightAsync(5.3, 9.0);

        await s.CutAsync(CutMode.Precise, highlight.Id);

        var clip = (await s.HighlightAsync(highlight.Id)).ClipVod!;
        Assert.Equal(CutMode.Precise, clip.CutMode);
        Assert.Equal(5.3, clip.SourceStartSeconds!.Value, 3);
        Assert.InRange(clip.DurationSeconds!.Value, 3.7 - 0.034, 3.7 + 0.05);
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task Smart_cut_copies_the_middle_and_passes_its_frame_check()
    {
        await using var s = await StartAsync();
        var highlight = await s.AddHighlightAsync(3.3, 12.7);

        var result = Assert.Single(await s.CutAsync(CutMode.Smart, highlight.Id));

        Assert.Equal(CutMode.Smart, result.Mode);
        Assert.Null(result.Reason);
        var clip = (await s.HighlightAsync(highlight.Id)).ClipVod!;
        Assert.Equal(CutMode.Smart, clip.CutMode);
        Assert.Equal(3.3, clip.SourceStartSeconds!.Value, 3);
        var source = await TestMedia.GetAsync();
        var output = s.Host.Get<IVodStorage>().TryGetLocalPath(clip.StorageKey)!;
        var bounds = new ClipBounds(3.3, 12.7);
        var keyframes = await s.Host.Get<KeyframeReader>().ReadAsync(source, CancellationToken.None);
        var verifier = s.Host.Get<SmartCutVerifier>();
        var check = await verifier.CheckAsync(output, bounds, SmartCutPlan.Create(keyframes, bounds, 1 / 30.0), keyframes, 30, CancellationToken.None);
        Assert.True(check.Passed, check.ToString());
        // The picture check the packet check stands in for: the clip starts on the asked frame.
        Assert.InRange(await verifier.FirstFrameErrorAsync(source, output, bounds.Start, 30, s.Host.Folder.Path, CancellationToken.None), -1, 1);
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task Smart_cut_check_refuses_a_clip_whose_keyframes_are_not_where_the_plan_joins_parts()
    {
        await using var s = await StartAsync();
        var highlight = await s.AddHighlightAsync(3.3, 12.7);
        await s.CutAsync(CutMode.Precise, highlight.Id);
        var clip = (await s.HighlightAsync(highlight.Id)).ClipVod!;
        var source = await TestMedia.GetAsync();
        var bounds = new ClipBounds(3.3, 12.7);
        var keyframes = await s.Host.Get<KeyframeReader>().ReadAsync(source, CancellationToken.None);

        // A full re-encode of the same range lasts as long and starts on the same frame, but its keyframes are its own.
        var check = await s.Host.Get<SmartCutVerifier>().CheckAsync(
            s.Host.Get<IVodStorage>().TryGetLocalPath(clip.StorageKey)!, bounds, SmartCutPlan.Create(keyframes, bounds, 1 / 30.0), keyframes, 30, CancellationToken.None);

        Assert.False(check.Passed, check.ToString());
        Assert.True(check.JoinErrorFrames > 1, check.ToString());
        Assert.InRange(check.DurationErrorFrames, -1.05, 1.05);
    }

    [Fact]
    public async Task Smart_cut_without_a_whole_gop_falls_back_to_precise_and_records_why()
    {
        await using var s = await StartAsync();
        var highlight = await s.AddHighlightAsync(4.4, 5.6);

        var result = Assert.Single(await s.CutAsync(CutMode.Smart, highlight.Id));

        Assert.Equal(CutMode.Precise, result.Mode);
        var cut = await s.HighlightAsync(highlight.Id);
        Assert.Equal(CutMode.Precise, cut.ClipVod!.CutMode);
        var fallback = Assert.Single(cut.Activity, a => a.Action == HighlightActions.SmartCutFallback);
        Assert.Contains("no whole GOP", fallback.Detail);
    }

    [Fact]
    public async Task A_second_cut_of_the_same_highlight_reuses_the_clip()
    {
        await using var s = await StartAsync();
        var highlight = await s.AddHighlightAsync(2, 6);
        var first = Assert.Single(await s.CutAsync(CutMode.Copy, highlight.Id));

        var second = Assert.Single(await s.CutAsync(CutMode.Copy, highlight.Id));

        Assert.Equal(CutOutcome.AlreadyCut, second.Outcome);
        Assert.Equal(first.ClipVodId, second.ClipVodId);
        Assert.Single(await s.ClipRowsAsync());
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task Recutting_after_the_clip_was_deleted_reuses_the_soft_deleted_row()
    {
        await using var s = await StartAsync();
        var highlight = await s.AddHighlightAsync(2, 6);
        var first = Assert.Single(await s.CutAsync(CutMode.Copy, highlight.Id));
        await s.Host.Get<QuotaService>().DeleteAsync(s.AccountId, first.ClipVodId!.Value, CancellationToken.None);
        Assert.Equal(ClipStatus.None, (await s.HighlightAsync(highlight.Id)).ClipStatus);

        var again = Assert.Single(await s.CutAsync(CutMode.Precise, highlight.Id));

        Assert.Equal(CutOutcome.Cut, again.Outcome);
        Assert.Equal(first.ClipVodId, again.ClipVodId);
        var row = Assert.Single(await s.ClipRowsAsync());
        Assert.Null(row.DeletedAt);
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task Two_concurrent_requests_for_one_highlight_produce_one_clip()
    {
        await using var s = await StartAsync();
        var highlight = await s.AddHighlightAsync(2, 9);

        var results = await Task.WhenAll(
            s.CutAsync(CutMode.Precise, highlight.Id),
            s.CutAsync(CutMode.Precise, highlight.Id),
            s.CutAsync(CutMode.Precise, highlight.Id));

        var outcomes = results.Select(r => Assert.Single(r)).ToList();
        Assert.Single(outcomes, r => r.Outcome == CutOutcome.Cut);
        Assert.All(outcomes.Where(r => r.Outcome != CutOutcome.Cut), r => Assert.Contains(r.Outcome, new[] { CutOutcome.AlreadyCut, CutOutcome.Skipped }));
        Assert.Single(await s.ClipRowsAsync());
        Assert.Equal(ClipStatus.Done, (await s.HighlightAsync(highlight.Id)).ClipStatus);
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task A_retry_by_the_same_job_after_a_crash_reuses_its_reservation_and_replaces_the_partial_upload()
    {
        await using var s = await StartAsync();
        var highlight = await s.AddHighlightAsync(2, 6);
        var token = Guid.NewGuid().ToString("N");
        // What a kill -9 between "reserve" and "commit" leaves: a claim, a pending row, half an upload.
        Assert.True(await s.Host.Get<HighlightClaims>().TryClaimAsync(s.AccountId, highlight.Id, token, null, CancellationToken.None));
        var key = StorageKeys.Clip(s.AccountId, highlight.Id);
        var pending = await s.Host.Get<QuotaService>().ReserveAsync(Builders.ClipReservation(s.AccountId, s.StreamId, highlight.Id, 123_456, "crashed"), CancellationToken.None);
        await s.Host.Get<IVodStorage>().PutAsync(key, new MemoryStream(new byte[1000]), 1000, CancellationToken.None);

        var result = Assert.Single(await s.CutAsync(new CutBatch(s.AccountId, [highlight.Id], CutMode.Copy, token, "system")));

        Assert.Equal(CutOutcome.Cut, result.Outcome);
        Assert.Equal(pending.Vod.Id, result.ClipVodId);
        var row = Assert.Single(await s.ClipRowsAsync());
        Assert.True(row.SizeBytes > 1000);
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task Not_clipable_is_refused_unless_the_editor_creates_it_anyway()
    {
        await using var s = await StartAsync();
        var highlight = await s.AddHighlightAsync(2, 6, h => { h.IsClipable = false; h.Confidence = 0.81; });

        var refused = Assert.Single(await s.CutAsync(CutMode.Copy, highlight.Id));
        Assert.Equal(CutOutcome.Skipped, refused.Outcome);
        Assert.Contains("Not a clip", refused.Reason);
        var shown = await s.HighlightAsync(highlight.Id);
        Assert.Equal(ClipStatus.Skipped, shown.ClipStatus);
        Assert.Contains("Create clip anyway", shown.ClipError);

        var anyway = Assert.Single(await s.CutAsync(new CutBatch(s.AccountId, [highlight.Id], CutMode.Copy, Guid.NewGuid().ToString("N"), "editor@example.com", CreateAnyway: true)));

        Assert.Equal(CutOutcome.Cut, anyway.Outcome);
        var cut = await s.HighlightAsync(highlight.Id);
        Assert.Equal("editor@example.com", cut.ClipOverrideBy);
        Assert.NotNull(cut.ClipOverrideAt);
        Assert.Single(cut.Activity, a => a.Action == "clip-override" && a.Actor == "editor@example.com");
        Assert.Equal(VodProvenance.Manual, cut.ClipVod!.Provenance);
    }

    [Fact]
    public async Task An_editors_trim_wins_over_refined_and_detected_bounds_and_marks_the_clip_manual()
    {
        await using var s = await StartAsync();
        var highlight = await s.AddHighlightAsync(1, 15, h => { h.RefinedStart = 2; h.RefinedEnd = 14; h.TrimStart = 10.2; h.TrimEnd = 13.5; h.TrimmedBy = "ed"; });

        await s.CutAsync(CutMode.Precise, highlight.Id);

        var clip = (await s.HighlightAsync(highlight.Id)).ClipVod!;
        Assert.Equal(10.2, clip.SourceStartSeconds!.Value, 3);
        Assert.Equal(13.5, clip.SourceEndSeconds!.Value, 3);
        Assert.Equal(VodProvenance.Manual, clip.Provenance);
    }

    [Fact]
    public async Task The_archive_notifies_stream_archived_once_and_clips_never_do()
    {
        await using var s = await StartAsync();
        var a = await s.AddHighlightAsync(2, 5);
        var b = await s.AddHighlightAsync(8, 12);

        await s.CutAsync(CutMode.Copy, a.Id, b.Id);

        await using var db = await s.Host.DbAsync();
        var notice = Assert.Single(await db.Notifications.Where(n => n.AccountId == s.AccountId).ToListAsync());
        Assert.Equal(StreamArchivedNotificationListener.Kind, notice.Kind);
        Assert.Equal(s.Source.Id, notice.VodId);
    }

    [Fact]
    public async Task A_batch_reports_each_clip_and_n_of_n_with_progress()
    {
        await using var s = await StartAsync(new Dictionary<string, string?> { ["Cutting:BatchParallelism"] = "1" });
        var ids = new[] { (await s.AddHighlightAsync(1, 4)).Id, (await s.AddHighlightAsync(6, 9)).Id, (await s.AddHighlightAsync(12, 16)).Id };
        var reports = new List<JobProgress>();
        var progress = new SyncProgress(reports);

        var results = await s.CutAsync(new CutBatch(s.AccountId, ids, CutMode.Precise, Guid.NewGuid().ToString("N"), "tester"), progress);

        Assert.All(results, r => Assert.Equal(CutOutcome.Cut, r.Outcome));
        Assert.Contains(reports, r => r.Stage.StartsWith("clip 2 of 3: cutting", StringComparison.Ordinal));
        Assert.Contains(reports, r => r.Message == "3 of 3 done");
        Assert.Contains(reports, r => r.Message!.Contains("left", StringComparison.Ordinal));
        var percents = reports.Select(r => r.Percent).ToList();
        Assert.Equal(percents.Order(), percents);
        Assert.Equal(100, percents[^1], 3);
    }

    private sealed class SyncProgress(List<JobProgress> reports) : IProgress<JobProgress>
    {
        public void Report(JobProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }

    public sealed class OnSqlite : ClipCutterTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.Sqlite;
    }

    [Trait(Speed.Name, Speed.Slow)]
    public sealed class OnPostgreSql : ClipCutterTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.PostgreSql;
    }
}
