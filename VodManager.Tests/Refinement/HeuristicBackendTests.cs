using Microsoft.EntityFrameworkCore;
using VodManager.Core.Detection;
using VodManager.Core.Refinement;
using VodManager.Core.Storage;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Refinement;

/// <summary>The local heuristic on real ffmpeg-made media whose sound edges, silence and scene changes are known to the second.</summary>
public sealed class HeuristicBackendTests
{
    [Fact]
    public async Task Bounds_snap_to_where_the_sound_and_the_shot_begin_and_end()
    {
        await using var s = await RefinementScenario.StartAsync(HeuristicBackend.BackendName, SegmentedMedia.LoudInTheMiddle);
        var highlight = await s.AddHighlightAsync(7, 22);

        var run = await s.RefineAsync();

        var refined = await s.HighlightAsync(highlight.Id);
        Assert.Equal(RefineOutcome.Refined, Assert.Single(run.Results).Outcome);
        Assert.Equal(RefinementStatus.Refined, refined.RefinementStatus);
        Assert.True(refined.IsClipable);
        Assert.InRange(refined.RefinedStart!.Value, 9.9, 10.1);
        Assert.InRange(refined.RefinedEnd!.Value, 15.9, 16.1);
        Assert.InRange(refined.Confidence!.Value, 0.8, 1);
        Assert.Contains("scene change", refined.RefinementReason);
        // Times in the reason are written as the editor shows them, not as raw seconds (10426.0 s on a long stream).
        Assert.Matches(@"^start (kept at )?\d+:\d{2}\.\d(→\d+:\d{2}\.\d)? \(.*; end (kept at )?\d+:\d{2}\.\d(→\d+:\d{2}\.\d)? \(", refined.RefinementReason);
        Assert.DoesNotMatch(@"\d s\b", refined.RefinementReason);
        // The first iteration moved the bounds, the second confirmed them: settled, no third call.
        Assert.Equal([1, 2], refined.RefinementAttempts.Select(a => a.Iteration));
        Assert.All(refined.RefinementAttempts, a => Assert.Equal(HeuristicBackend.BackendName, a.Backend));
    }

    [Fact]
    public async Task A_burst_that_is_too_short_once_snapped_is_not_a_clip()
    {
        await using var s = await RefinementScenario.StartAsync(HeuristicBackend.BackendName, SegmentedMedia.ShortBurst);
        var highlight = await s.AddHighlightAsync(5, 13);

        var run = await s.RefineAsync();

        var refined = await s.HighlightAsync(highlight.Id);
        Assert.Equal(RefineOutcome.NotClipable, Assert.Single(run.Results).Outcome);
        Assert.False(refined.IsClipable);
        Assert.StartsWith("too short after snapping", refined.RefinementReason);
        Assert.InRange(refined.RefinedEnd!.Value - refined.RefinedStart!.Value, 1.5, 3);
    }

    [Fact]
    public async Task A_silent_moment_is_not_a_clip()
    {
        await using var s = await RefinementScenario.StartAsync(HeuristicBackend.BackendName, SegmentedMedia.LoudInTheMiddle);
        var highlight = await s.AddHighlightAsync(27, 29.9);

        await s.RefineAsync();

        var refined = await s.HighlightAsync(highlight.Id);
        Assert.False(refined.IsClipable, refined.RefinementReason);
        Assert.StartsWith("silent: nothing in 0:27.0–0:29.9 is louder than", refined.RefinementReason);
        Assert.Single(refined.RefinementAttempts);
    }

    /// <summary>
    /// Twitch mutes a VOD's parts with copyrighted music, and chat goes on reacting there: the silence is the platform's,
    /// so a moment in it is judged by its signals, where it was called silent and never cut.
    /// </summary>
    [Fact]
    public async Task A_moment_chat_reacted_to_where_twitch_muted_the_sound_is_not_called_silent()
    {
        await using var s = await RefinementScenario.StartAsync(HeuristicBackend.BackendName, [new(10, SegmentedMedia.Loud), new(80, null)], account: a => a.AutoRefine = false);
        await s.ImportChatAsync(90, burstFrom: 50);
        var highlight = await s.AddHighlightAsync(44, 58);
        await s.RefineAsync([highlight.Id]);
        Assert.StartsWith("silent: nothing in 0:44.0–0:58.0", (await s.HighlightAsync(highlight.Id)).RefinementReason);

        await s.MuteAsync((10, 20), (20, 90));
        await s.RefineAsync([highlight.Id]);

        var refined = await s.HighlightAsync(highlight.Id);
        Assert.True(refined.IsClipable, refined.RefinementReason);
        Assert.EndsWith("; Twitch muted its sound at 0:10.0–1:30.0: judged from its signals and shots there", refined.RefinementReason);
        Assert.DoesNotContain("sound starts", refined.RefinementReason); // a muted second is no sound edge
    }

    [Fact]
    public async Task A_moment_where_no_signal_rises_is_not_a_clip()
    {
        await using var s = await RefinementScenario.StartAsync(HeuristicBackend.BackendName, SegmentedMedia.LoudInTheMiddle);
        var highlight = await s.AddHighlightAsync(1, 8);

        await s.RefineAsync();

        var refined = await s.HighlightAsync(highlight.Id);
        Assert.False(refined.IsClipable);
        Assert.StartsWith("no signal", refined.RefinementReason);
    }

    /// <summary>
    /// What a small channel gets: a video without a loud moment and a short chat whose one burst the model finds but is
    /// not sure of. Refinement judged such weak candidates "no signal" from the minimap's confident-only chat curve,
    /// against detection's own reason, and cut-all then skipped every one.
    /// </summary>
    [Fact]
    public async Task A_weak_chat_moment_has_signal_and_is_a_clip_while_a_filler_where_chat_stays_usual_has_none()
    {
        await using var s = await RefinementScenario.StartAsync(HeuristicBackend.BackendName, [new(90, SegmentedMedia.Quiet)], account: a => a.AutoRefine = false);
        await s.ImportChatAsync(90, burstFrom: 40);
        await s.Host.Get<DetectionService>().DetectAsync(s.AccountId, s.StreamId, null, CancellationToken.None);
        await using (var db = await s.Host.DbAsync())
        {
            Assert.All(await db.Highlights.Where(h => h.StreamId == s.StreamId).ToListAsync(), h => Assert.True(h.IsWeak, $"#{h.Rank} is confident; this test is about weak ones"));
        }

        await s.RefineAsync();

        await using var after = await s.Host.DbAsync();
        var highlights = await after.Highlights.Where(h => h.StreamId == s.StreamId).OrderBy(h => h.Rank).ToListAsync();
        var burst = highlights.Single(h => h.DetectedStart <= 40 && 44 <= h.DetectedEnd);
        Assert.True(burst.IsClipable, burst.RefinementReason);
        var filler = highlights.MinBy(h => h.Score)!;
        Assert.True(filler.Score < 0.05, $"the weakest candidate scored {filler.Score}: chat rose there"); // one that fills the list
        Assert.False(filler.IsClipable, filler.RefinementReason);
        Assert.StartsWith("no signal: chat (the model's probability above its usual)", filler.RefinementReason);
    }

    [Fact]
    public async Task Scene_changes_are_scanned_once_and_a_rerun_reads_them_from_the_cache()
    {
        await using var s = await RefinementScenario.StartAsync(HeuristicBackend.BackendName, SegmentedMedia.LoudInTheMiddle);
        var highlight = await s.AddHighlightAsync(7, 22);
        await s.RefineAsync();
        var first = await s.HighlightAsync(highlight.Id);

        // Without the cache a re-run would have to decode the video again: take the video away.
        File.Delete(s.Host.Get<IVodStorage>().TryGetLocalPath(s.Source!.StorageKey)!);
        await s.RefineAsync([highlight.Id]);

        var second = await s.HighlightAsync(highlight.Id);
        Assert.Equal(RefinementStatus.Refined, second.RefinementStatus);
        Assert.Equal((first.RefinedStart, first.RefinedEnd), (second.RefinedStart, second.RefinedEnd));
        await using var db = await s.Host.DbAsync();
        var scan = await db.VodSceneScans.SingleAsync();
        Assert.Equal(s.Source.Id, scan.VodId);
        var changes = await s.Host.Get<SceneScanner>().GetAsync(s.Source.Id, scan.FromSeconds, scan.ToSeconds, scan.Threshold,
            _ => throw new InvalidOperationException("the cache was not used"), CancellationToken.None);
        Assert.Equal([10.0, 16.0, 26.0], changes.Select(c => Math.Round(c.Seconds)));
    }
}
