using Microsoft.EntityFrameworkCore;
using VodManager.Core;
using VodManager.Core.Media;
using VodManager.Core.Refinement;
using VodManager.Core.Storage;
using VodManager.Tests.Cutting;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Refinement;

/// <summary>Refinement on Azure Blob Storage (real Azurite): each window is read from the source through the range proxy.</summary>
public sealed class BlobRefinementTests
{
    /// <summary>Three loud moments a minute apart: the windows around them (±15 s) are a small part of the source.</summary>
    private static readonly MediaSegment[] SpreadMoments =
    [
        new(60, SegmentedMedia.Quiet), new(6, SegmentedMedia.Loud), new(60, SegmentedMedia.Quiet), new(6, SegmentedMedia.Loud),
        new(60, SegmentedMedia.Quiet), new(6, SegmentedMedia.Loud), new(60, SegmentedMedia.Quiet),
    ];

    [Fact]
    public async Task Refining_several_highlights_reads_their_windows_not_the_source_and_leaves_no_audio_or_pin_behind()
    {
        await using var s = await RefinementScenario.StartAsync(HeuristicBackend.BackendName, SpreadMoments, await CutScenario.BlobSettingsAsync(), CountingStorage.Wrap);
        foreach (var start in new[] { 59.0, 125, 191 })
        {
            await s.AddHighlightAsync(start, start + 8);
        }

        var reads = (CountingStorage)s.Host.Get<IVodStorage>();
        reads.Reset();

        var run = await s.RefineAsync();

        Assert.True(run.Results.All(r => r.Outcome == RefineOutcome.Refined), string.Join("; ", run.Results.Select(r => $"{r.Outcome}: {r.Reason}")));
        Assert.Equal(3, run.Results.Count);
        // At least the highlights themselves (their windows' audio and scenes were read), far less than the source.
        var read = $"read {reads.BytesRead} of a {s.Source!.SizeBytes}-byte source for three 38 s windows of 258 s";
        Assert.True(reads.BytesRead > s.Source.SizeBytes * 3 * 8 / 258, read);
        Assert.True(reads.BytesRead < s.Source.SizeBytes / 2, read);
        Assert.Empty(Leftovers(s.Host.Get<WorkAreas>().Refine.Folder));
        await using var db = await s.Host.DbAsync();
        Assert.False(await db.VodPins.AnyAsync(), "the run's pin on the source outlived it");
    }

    private static string[] Leftovers(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
}
