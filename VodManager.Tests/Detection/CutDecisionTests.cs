using VodManager.Core.Cutting;
using VodManager.Core.Detection;
using VodManager.Core.Editing;
using VodManager.Core.Library;
using VodManager.Tests.Cutting;

namespace VodManager.Tests.Detection;

/// <summary>
/// Which clips teach the channel's model, through the real cut jobs on a real video: a highlight cut on its own or
/// among a selection is an editor's decision; "cut all" cuts every highlight, the wrong ones too, so its clips are
/// none (they had made every detection a right example, the model learning its own guesses) until an editor trims
/// one or cuts it again.
/// </summary>
public sealed class CutDecisionTests
{
    [Fact]
    public async Task Clips_of_cut_all_are_no_decisions_while_ones_chosen_one_by_one_or_in_a_selection_are()
    {
        await using var s = await CutScenario.StartAsync(jobHandlers: true);
        var all = new[] { await s.AddHighlightAsync(1, 5), await s.AddHighlightAsync(7, 11), await s.AddHighlightAsync(13, 17) };
        var jobs = s.Host.Get<CutJobs>();
        var learning = s.Host.Get<ChannelLearning>();
        async Task<int> DecidedAsync() => (await learning.StatusAsync(s.AccountId, s.StreamId, CancellationToken.None))!.DecidedNow;

        await jobs.CutAllAsync(s.AccountId, s.StreamId, CutMode.Copy, "editor", CancellationToken.None);

        foreach (var highlight in all)
        {
            var cut = await s.HighlightAsync(highlight.Id);
            Assert.NotNull(cut.ClipVodId);
            Assert.Contains(cut.Activity, a => a.Action == HighlightActions.ClipCutAll && a.Actor == "editor");
        }

        Assert.Equal(0, await DecidedAsync());

        // Chosen: one cut on its own, two in a selection, a cut-all clip trimmed, another deleted and cut again.
        var single = await s.AddHighlightAsync(2, 6);
        var selected = new[] { await s.AddHighlightAsync(8, 12), await s.AddHighlightAsync(14, 18) };
        await jobs.CutAsync(s.AccountId, single.Id, CutMode.Copy, "editor", createAnyway: false, CancellationToken.None);
        await jobs.CutSelectedAsync(s.AccountId, selected.Select(h => h.Id).ToList(), CutMode.Copy, "editor", CancellationToken.None);
        Assert.Equal(3, await DecidedAsync());

        await s.Host.Get<HighlightEditor>().SaveTrimAsync(s.AccountId, all[0].Id, 1.5, 4.5, editedFrom: null, "editor", CancellationToken.None);
        Assert.Equal(4, await DecidedAsync());
        await s.Host.Get<ClipLibrary>().DeleteAsync(s.AccountId, (await s.HighlightAsync(all[1].Id)).ClipVodId!.Value, "editor", CancellationToken.None);
        await jobs.CutAsync(s.AccountId, all[1].Id, CutMode.Copy, "editor", createAnyway: false, CancellationToken.None);
        Assert.Equal(5, await DecidedAsync());
        await s.AssertNothingLeftBehindAsync();
    }
}
