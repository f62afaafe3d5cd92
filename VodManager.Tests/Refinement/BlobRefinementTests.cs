using Microsoft.EntityFrameworkCore;
using VodManager.Core;
using VodManager.Core.Cutting;
using VodManager.Core.Refinement;
using VodManager.Core.Storage;
using VodManager.Tests.Cutting;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Refinement;

/// <summary>Refinement on Azure Blob Storage (real Azurite): the source comes through the cutter's shared source cache.</summary>
public sealed class BlobRefinementTests
{
    [Fact]
    public async Task Refining_several_highlights_pulls_the_source_once_and_leaves_no_copy_audio_or_pin_behind()
    {
        await using var s = await RefinementScenario.StartAsync(HeuristicBackend.BackendName, SegmentedMedia.ThreeMoments, await CutScenario.BlobSettingsAsync(), CountingStorage.Wrap);
        foreach (var start in new[] { 7.0, 21, 35 })
        {
            await s.AddHighlightAsync(start, start + 8);
        }

        var reads = (CountingStorage)s.Host.Get<IVodStorage>();
        reads.Reset();

        var run = await s.RefineAsync();

        Assert.True(run.Results.All(r => r.Outcome == RefineOutcome.Refined), string.Join("; ", run.Results.Select(r => $"{r.Outcome}: {r.Reason}")));
        Assert.Equal(3, run.Results.Count);
        Assert.Equal(s.Source!.SizeBytes, reads.BytesRead);
        Assert.Empty(Leftovers(s.Host.Get<SourceCache>().Folder));
        Assert.Empty(Leftovers(s.Host.Get<WorkAreas>().Refine.Folder));
        await using var db = await s.Host.DbAsync();
        Assert.False(await db.VodPins.AnyAsync(), "the run's pin on the source outlived it");
    }

    private static string[] Leftovers(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
}
