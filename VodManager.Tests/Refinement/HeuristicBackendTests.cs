using Microsoft.EntityFrameworkCore;
using VodManager.Core.Refinement;
using VodManager.Core.Storage;

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
        Assert.StartsWith("silent", refined.RefinementReason);
        Assert.Single(refined.RefinementAttempts);
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
