using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data.Entities;
using VodManager.Core.Detection;
using VodManager.Core.Ingest;
using VodManager.Core.Media;
using VodManager.Core.Refinement;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Refinement;

/// <summary>
/// A new stream's chat and events are in, detected and refined before its video is uploaded and its sound measured:
/// those refinements had no sound or shots to find edges in. Once the video's loudness is in and detection runs again, a
/// moment it finds again at the same bounds is refined anew, from the video; a refinement made with it stays. On each
/// database: which refinements are older than the loudness is one grouped query. The heuristic, which reads nothing
/// but the video, does not refine before it: it skips saying so, and refines once the video is in.
/// </summary>
public abstract class RefinementBeforeTheVideoTests
{
    protected abstract DatabaseEngine Engine { get; }

    /// <summary>One even tone throughout (no loudness for detection to add), with a cut to another shot at 7 s.</summary>
    private static readonly MediaSegment[] ShotChangeAtSeven = [new(7, SegmentedMedia.Quiet), new(29, SegmentedMedia.Quiet)];

    [Fact]
    public async Task A_moment_refined_before_the_video_was_stored_is_refined_again_from_it_and_then_kept()
    {
        await using var s = await RefinementScenario.StartAsync(HeuristicBackend.BackendName, settings: await TestDatabase.SettingsAsync(Engine));
        await ImportRaidAsync(s);
        await using (var db = await s.Host.DbAsync())
        {
            // The length the new-stream form takes from the chat, before the video says it.
            (await db.Streams.SingleAsync(x => x.Id == s.StreamId)).DurationSeconds = 36;
            await db.SaveChangesAsync();
        }

        var detection = s.Host.Get<DetectionService>();
        await detection.DetectAsync(s.AccountId, s.StreamId, null, CancellationToken.None);
        // A backend that judges without the video (a hosted model reads the chat): refined blind.
        await s.RefineAsync(backend: MockBackend.BackendName);
        var blind = await OnlyHighlightAsync(s);
        Assert.Equal(RefinementStatus.Refined, blind.RefinementStatus);
        Assert.All(blind.RefinementAttempts, a => Assert.Equal(MockBackend.BackendName, a.Backend));

        // Storing the video detects again (the stream's first video): the moment is found again at the same bounds, the
        // same row (HighlightAsync finds it by its id).
        var video = await s.Host.Get<VideoImportService>().ImportLocalFileAsync(s.AccountId, s.StreamId, await SegmentedMedia.GetAsync(ShotChangeAtSeven), null, CancellationToken.None);
        await s.Host.Get<MediaIndexService>().GetOrComputeAsync(video, null, CancellationToken.None);
        await detection.DetectAsync(s.AccountId, s.StreamId, null, CancellationToken.None);
        await s.RefineAsync();
        var refined = await s.HighlightAsync(blind.Id);
        Assert.Equal((blind.DetectedStart, blind.DetectedEnd), (refined.DetectedStart, refined.DetectedEnd));
        Assert.Equal(RefinementStatus.Refined, refined.RefinementStatus);
        Assert.Equal([1, 2], refined.RefinementAttempts.Select(a => a.Run).Distinct());
        Assert.Contains("scene change at 0:07.0", refined.RefinementReason);
        Assert.InRange(refined.RefinedStart!.Value, 6.9, 7.1);

        // Refined from the video, the moment keeps that refinement through the next detection.
        await detection.DetectAsync(s.AccountId, s.StreamId, null, CancellationToken.None);
        await s.RefineAsync();
        var kept = await s.HighlightAsync(blind.Id);
        Assert.Equal((RefinementStatus.Refined, refined.RefinedStart, refined.RefinementReason), (kept.RefinementStatus, kept.RefinedStart, kept.RefinementReason));
        Assert.Equal([1, 2], kept.RefinementAttempts.Select(a => a.Run).Distinct());
    }

    [Fact]
    public async Task The_heuristic_skips_a_stream_without_video_saying_so_and_refines_once_the_video_is_in()
    {
        await using var s = await RefinementScenario.StartAsync(HeuristicBackend.BackendName, settings: await TestDatabase.SettingsAsync(Engine));
        var highlight = await s.AddHighlightAsync(5, 20);

        var run = await s.RefineAsync();

        // It had refined every moment blind: "clip, low 15%", bounds unchanged, a badge that said nothing.
        var skipped = await s.HighlightAsync(highlight.Id);
        Assert.Equal((RefineOutcome.Skipped, RefinementStatus.Skipped), (Assert.Single(run.Results).Outcome, skipped.RefinementStatus));
        Assert.Equal("no video yet: refined from its sound and shots once it is imported", skipped.RefinementReason);
        Assert.Empty(skipped.RefinementAttempts);
        Assert.Equal(0, await s.Host.Get<RefinementBudget>().UsedTodayAsync(s.AccountId, CancellationToken.None));

        var video = await s.Host.Get<VideoImportService>().ImportLocalFileAsync(s.AccountId, s.StreamId, await SegmentedMedia.GetAsync(ShotChangeAtSeven), null, CancellationToken.None);
        await s.Host.Get<MediaIndexService>().GetOrComputeAsync(video, null, CancellationToken.None);
        await s.RefineAsync();
        var refined = await s.HighlightAsync(highlight.Id);
        Assert.Equal(RefinementStatus.Refined, refined.RefinementStatus);
        Assert.All(refined.RefinementAttempts, a => Assert.Equal(HeuristicBackend.BackendName, a.Backend));
        Assert.NotEmpty(refined.RefinementAttempts);
    }

    [Fact]
    public async Task Detection_on_a_stream_without_video_starts_no_heuristic_run_and_the_first_videos_detection_refines()
    {
        await using var s = await RefinementScenario.StartAsync(HeuristicBackend.BackendName, settings: await TestDatabase.SettingsAsync(Engine));
        await ImportRaidAsync(s);
        var detection = s.Host.Get<DetectionService>();

        await detection.DetectAsync(s.AccountId, s.StreamId, null, CancellationToken.None);

        // It would have skipped every moment, "no video yet" on each row, in a job that did nothing.
        var waiting = await OnlyHighlightAsync(s);
        Assert.Equal((RefinementStatus.NotRefined, null), (waiting.RefinementStatus, waiting.RefinementReason));
        await using (var db = await s.Host.DbAsync())
        {
            Assert.False(await db.Jobs.AnyAsync(j => j.Kind == RefineRequest.JobKind));
        }

        var video = await s.Host.Get<VideoImportService>().ImportLocalFileAsync(s.AccountId, s.StreamId, await SegmentedMedia.GetAsync(ShotChangeAtSeven), null, CancellationToken.None);
        await s.Host.Get<MediaIndexService>().GetOrComputeAsync(video, null, CancellationToken.None);
        await detection.DetectAsync(s.AccountId, s.StreamId, null, CancellationToken.None);

        var refined = await OnlyHighlightAsync(s);
        Assert.Equal(RefinementStatus.Refined, refined.RefinementStatus);
        Assert.All(refined.RefinementAttempts, a => Assert.Equal(HeuristicBackend.BackendName, a.Backend));
    }

    public sealed class OnSqlite : RefinementBeforeTheVideoTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.Sqlite;
    }

    [Trait(Speed.Name, Speed.Slow)]
    public sealed class OnPostgreSql : RefinementBeforeTheVideoTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.PostgreSql;
    }

    /// <summary>The stream's events: one raid at 12 s, the moment detection finds.</summary>
    private static async Task ImportRaidAsync(RefinementScenario s)
    {
        using var folder = new TempFolder();
        var events = folder.File("events.jsonl");
        await File.WriteAllTextAsync(events, "{\"type\":\"channel.raid\",\"offset_seconds\":12,\"event\":{\"viewers\":250}}\n");
        await s.Host.Get<IngestService>().ImportAsync(s.AccountId, s.StreamId, IngestKind.Events, events, null, CancellationToken.None);
    }

    private static async Task<Highlight> OnlyHighlightAsync(RefinementScenario s)
    {
        await using var db = await s.Host.DbAsync();
        var id = await db.Highlights.Where(h => h.StreamId == s.StreamId).Select(h => h.Id).SingleAsync();
        return await s.HighlightAsync(id);
    }
}
