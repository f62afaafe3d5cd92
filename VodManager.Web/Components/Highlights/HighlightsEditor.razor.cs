using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using VodManager.Core;
using VodManager.Core.Accounts;
using VodManager.Core.Cutting;
using VodManager.Core.Editing;
using VodManager.Core.Export;
using VodManager.Core.Library;
using VodManager.Core.Refinement;
using VodManager.Web.Accounts;
using VodManager.Web.Progress;
using VodManager.Web.Components.Library;
using VodManager.Web.Components.Timeline;

namespace VodManager.Web.Components.Highlights;

/// <summary>
/// The stream page's editor: the replay view with trim handles beside <see cref="Side"/>, and the highlights table
/// under both, with every action on rows (preview, trim, cut, refine, dismiss, restore). Actions go through the page's
/// guard; after one the page reloads what it changed.
/// </summary>
public sealed partial class HighlightsEditor : LifetimeComponentBase
{
    private ReplayView? _replay;
    private CutMode _cutMode;

    [Parameter, EditorRequired] public StreamHighlightsState State { get; set; } = default!;

    [Parameter, EditorRequired] public StreamTimeline Timeline { get; set; } = default!;

    [Parameter, EditorRequired] public ActionGuard Guard { get; set; } = default!;

    [Parameter] public int StreamId { get; set; }

    [Parameter] public string? VideoUrl { get; set; }

    /// <summary>Where the player starts, in seconds, instead of the open highlight's start.</summary>
    [Parameter] public double? StartAt { get; set; }

    /// <summary>An unsaved trim the page's address kept, taken back on the highlight the page opens with.</summary>
    [Parameter] public string? StartTrim { get; set; }

    [Parameter] public bool CanEdit { get; set; }

    /// <summary>The stream was detected already: an empty table then says detection found nothing.</summary>
    [Parameter] public bool Detected { get; set; }

    /// <summary>A detection of the stream is queued or running.</summary>
    [Parameter] public bool Detecting { get; set; }

    /// <summary>The stream's chat is in: nothing more needs uploading before a detection.</summary>
    [Parameter] public bool HasChat { get; set; }

    /// <summary>The percent of the stream's browser copy job while one runs; null otherwise.</summary>
    [Parameter] public double? MakingBrowserCopy { get; set; }

    /// <summary>The player's second, for what follows it beside the replay view (the chat).</summary>
    [Parameter] public PlayerClock? Clock { get; set; }

    /// <summary>What sits beside the replay view (the page's panels).</summary>
    [Parameter] public RenderFragment? Side { get; set; }

    /// <summary>An action changed rows or the stream: the page reloads them.</summary>
    [Parameter] public EventCallback OnChanged { get; set; }

    [Inject] private HighlightEditor Editor { get; set; } = default!;
    [Inject] private CutJobs Cuts { get; set; } = default!;
    [Inject] private ExportLibrary Exports { get; set; } = default!;
    [Inject] private RefinementJobs Refinements { get; set; } = default!;
    [Inject] private IOptions<CuttingOptions> CuttingOptions { get; set; } = default!;
    [Inject] private IOptions<ExportOptions> ExportOptions { get; set; } = default!;
    [Inject] private IOptions<EditorOptions> EditorOptions { get; set; } = default!;
    [Inject] private BrowserCopyJobs BrowserCopies { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private double MinTrimSeconds => CuttingOptions.Value.MinClipSeconds;

    private BrowserCopyOptions BrowserCopyOptions => ExportOptions.Value.BrowserCopy;

    private string NoHighlightsText =>
        Detecting ? "Detecting highlights…"
        : Detected ? "Detection found no highlights in this stream."
        : HasChat ? "No highlights yet: the chat is in; detect to find them."
        : VideoUrl is not null ? "No highlights yet: upload the chat log (detection starts once it is in), or detect now from the video's loudness."
        : "No highlights yet: upload the chat log; detection starts once it is in.";

    protected override void OnInitialized() => _cutMode = CuttingOptions.Value.DefaultMode;

    private void Activate(int highlightId) => State.ActiveId = highlightId;

    private async Task PreviewAsync(HighlightRow highlight)
    {
        State.ActiveId = highlight.Id;
        StateHasChanged();
        var (start, end) = highlight.EffectiveBounds;
        if (_replay is not null)
        {
            await _replay.PreviewAsync(start, end);
        }
    }

    /// <summary>
    /// Optimistic: the row takes the new bounds and the page re-renders before the server is asked, so the draft stops
    /// being "unsaved" at once; the one write follows and nothing reloads. A refusal puts the row back and says why, and
    /// the replay view keeps the draft as unsaved.
    /// </summary>
    private async Task SaveTrimAsync(TrimSave save)
    {
        if (Guard.Busy || State.Items.FirstOrDefault(h => h.Id == save.HighlightId) is not { } row)
        {
            return;
        }

        var editedFrom = row.EffectiveBounds;
        var trim = OptimisticTrim.Apply(State, row, save.Range.Start, save.Range.End);
        StateHasChanged();
        await RunAsync(async (access, token) =>
        {
            var outcome = await Editor.SaveTrimAsync(access.AccountId, save.HighlightId, save.Range.Start, save.Range.End, editedFrom, access.Actor, token);
            trim.Confirm(outcome, access.Actor, Time.GetUtcNow().UtcDateTime);
            var where = $"{Format.ClockPrecise(outcome.Start)} – {Format.ClockPrecise(outcome.End)}";
            Snackbar.Add(outcome.Clamped ? $"Trim saved, pulled inside the stream: {where}" : $"Trim saved: {where}", outcome.Clamped ? Severity.Warning : Severity.Success);
        }, onRefused: () =>
        {
            trim.RollBack();
            save.Refused = true;
        }, reload: false);

        // Refused because another editor (or a refinement) changed the highlight meanwhile: show what it is now. After
        // any other refusal the rows read back as they were, so the draft stays for another try.
        if (save.Refused)
        {
            await OnChanged.InvokeAsync();
        }
    }

    /// <summary>A moment detection missed, marked at the playhead: it opens for trimming; Undo removes it.</summary>
    private Task MarkAsync(double at) => RunAsync(async (access, token) =>
    {
        var added = await Editor.AddAtAsync(access.AccountId, StreamId, at, access.Actor, token);
        State.ActiveId = added.HighlightId;
        Snackbar.Add($"Marked highlight #{added.Rank}: {Format.ClockPrecise(added.Start)} – {Format.ClockPrecise(added.End)}. Drag its handles to fit the moment.", Severity.Success, o =>
        {
            o.Action = "Undo";
            o.ActionColor = Color.Primary;
            o.OnClick = _ => InvokeAsync(() => RunAsync(async (again, ct) =>
            {
                await Editor.RemoveAddedAsync(again.AccountId, added.HighlightId, again.Actor, ct);
                Snackbar.Add($"Removed highlight #{added.Rank}", Severity.Info);
            }));
        });
    });

    private Task ResetTrimAsync(int highlightId) => RunAsync(async (access, token) =>
    {
        await Editor.ResetTrimAsync(access.AccountId, highlightId, access.Actor, token);
        Snackbar.Add("Trim removed", Severity.Info);
    });

    /// <summary>One row or the selection: the rows the grid found cuttable go to the cutter; the editor hears about the rest.</summary>
    private Task CutAsync(CutSelection selection) => RunAsync(async (access, token) =>
    {
        var ids = selection.ToCut.Select(h => h.Id).ToList();
        if (ids.Count == 1)
        {
            await Cuts.CutAsync(access.AccountId, ids[0], _cutMode, access.Actor, createAnyway: false, token);
        }
        else if (ids.Count > 1)
        {
            await Cuts.CutSelectedAsync(access.AccountId, ids, _cutMode, access.Actor, token);
        }

        Snackbar.Add(selection.Summary(), selection.Skipped.Count == 0 ? Severity.Info : Severity.Warning);
    });

    private Task CutAllAsync() => RunAsync(async (access, token) =>
    {
        await Cuts.CutAllAsync(access.AccountId, StreamId, _cutMode, access.Actor, token);
        var notClips = State.Items.Count(h => h is { Dismissed: false, ClipVodId: null, IsClipable: false, ClipOverrideBy: null });
        Snackbar.Add(notClips == 0 ? "Cutting every highlight without a clip" : $"Cutting every highlight without a clip; {notClips} marked \"Not a clip\" will be skipped", Severity.Info);
    });

    /// <summary>"Create clip anyway": asks first, then cuts with the override, which the cutter records with who and when.</summary>
    private async Task CreateAnywayAsync(HighlightRow highlight)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Create a clip of highlight #{highlight.Rank} anyway?",
            $"Refinement judged it not a clip{(highlight.RefinementReason is { } why ? $": {why}" : "")}. Your choice is recorded with your name.",
            yesText: "Create clip anyway", cancelText: "Cancel");
        if (confirmed == true)
        {
            await RunAsync(async (access, token) =>
            {
                await Cuts.CutAsync(access.AccountId, highlight.Id, _cutMode, access.Actor, createAnyway: true, token);
                Snackbar.Add($"Cutting highlight #{highlight.Rank} anyway", Severity.Info);
            });
        }
    }

    /// <summary>
    /// A clip cut before its highlight was trimmed: a highlight keeps one clip, so the bounds now are cut in its place,
    /// in the chosen mode, and the old one goes (with what was exported from it, said first) once the new one is stored.
    /// </summary>
    private async Task CutAgainAsync(HighlightRow highlight)
    {
        if (highlight is not { ClipVodId: { } clipVodId, ClipStart: { } from, ClipEnd: { } to })
        {
            return;
        }

        List<ExportEntry> exports = [];
        await RunAsync(async (access, token) => exports = (await Exports.ByClipAsync(access.AccountId, [clipVodId], token))[clipVodId].ToList(), reload: false);
        var (start, end) = highlight.EffectiveBounds;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Cut highlight #{highlight.Rank} again?",
            $"Its clip holds {Format.ClockPrecise(from)} – {Format.ClockPrecise(to)}, cut before the bounds changed. {Format.ClockPrecise(start)} – {Format.ClockPrecise(end)} will be cut in its place, and once that is stored the clip ({ByteSize.Format(highlight.ClipSizeBytes ?? 0)}){ClipExports.AndTheirs(exports)} will be deleted. Until then, or if the new cut fails, it stays.",
            yesText: "Cut again", cancelText: "Cancel");
        if (confirmed == true)
        {
            await RunAsync(async (access, token) =>
            {
                await Cuts.CutAgainAsync(access.AccountId, highlight.Id, _cutMode, access.Actor, token);
                Snackbar.Add($"Cutting highlight #{highlight.Rank} again: {Format.ClockPrecise(start)} – {Format.ClockPrecise(end)}", Severity.Info);
            });
        }
    }

    /// <summary>One row or the selection, with the account's backend; rows show queued at once and follow the job live.</summary>
    private Task RefineAsync(IReadOnlyList<HighlightRow> highlights) => RunAsync(async (access, token) =>
    {
        await Refinements.RefineSelectedAsync(access.AccountId, highlights.Select(h => h.Id).ToList(), access.Actor, token);
        Snackbar.Add(highlights.Count == 1 ? $"Refining highlight #{highlights[0].Rank}" : $"Refining {highlights.Count} highlights", Severity.Info);
    });

    private Task DismissAsync(IReadOnlyList<HighlightRow> highlights) => RunAsync(async (access, token) =>
    {
        var ids = highlights.Select(h => h.Id).ToList();
        var count = await Editor.DismissAsync(access.AccountId, ids, access.Actor, token);
        Snackbar.Add($"Dismissed {Named(highlights, count)}", Severity.Info, o =>
        {
            o.Action = "Undo";
            o.ActionColor = Color.Primary;
            o.OnClick = _ => InvokeAsync(() => RestoreAsync(highlights));
        });
    });

    /// <summary>The replay view's D: the open highlight goes, and the one after it in rank order opens, as N would.</summary>
    private async Task DismissOpenAsync(int highlightId)
    {
        var visible = State.Items.Where(h => !h.Dismissed || h.Id == highlightId).ToList();
        var at = visible.FindIndex(h => h.Id == highlightId);
        if (at < 0)
        {
            return;
        }

        var next = visible.ElementAtOrDefault(at + 1) ?? visible.ElementAtOrDefault(at - 1);
        await DismissAsync([visible[at]]);
        if (next is not null && State.Items.Any(h => h.Id == highlightId && h.Dismissed))
        {
            State.ActiveId = next.Id;
            StateHasChanged();
        }
    }

    /// <summary>The source does not play here: a job makes the copy, which the page plays when the job is done.</summary>
    private Task MakeBrowserCopyAsync() => RunAsync(async (access, token) =>
    {
        await BrowserCopies.MakeAsync(access.AccountId, StreamId, access.Actor, token);
        Snackbar.Add("Making a browser copy of the source: it plays here when it is done", Severity.Info);
    }, reload: false);

    private Task RestoreAsync(IReadOnlyList<HighlightRow> highlights) => RunAsync(async (access, token) =>
    {
        var count = await Editor.RestoreAsync(access.AccountId, highlights.Select(h => h.Id).ToList(), access.Actor, token);
        Snackbar.Add($"Restored {Named(highlights, count)}", Severity.Info);
    });

    /// <summary>
    /// "highlight #7", "3 highlights (#2, #5, #7)": a snackbar names the rows its Undo brings back. Two dismissals in
    /// the same words were one snackbar (MudBlazor drops a duplicate message), whose Undo brought back only the first.
    /// </summary>
    private static string Named(IReadOnlyList<HighlightRow> highlights, int count)
    {
        const int listed = 8;
        if (count != highlights.Count)
        {
            return $"{count} highlight{(count == 1 ? "" : "s")}";
        }

        var ranks = string.Join(", ", highlights.Take(listed).Select(h => $"#{h.Rank}")) + (count > listed ? ", …" : "");
        return count == 1 ? $"highlight {ranks}" : $"{count} highlights ({ranks})";
    }

    /// <summary>
    /// Runs an action on rows through the page's guard; a refused one shows its reason (after <paramref name="onRefused"/>
    /// undid what the page showed early), and the page reloads after unless the action kept the rows current itself.
    /// </summary>
    private async Task RunAsync(Func<AccountAccess, CancellationToken, Task> action, Action? onRefused = null, bool reload = true)
    {
        if (Guard.Busy)
        {
            return;
        }

        await Guard.RunAsync(AccountRole.Editor, access => action(access, Lifetime), Lifetime, onRefused);
        if (reload)
        {
            await OnChanged.InvokeAsync();
        }

        // Also reached from outside this component's events (a snackbar's Undo), which would not re-render it.
        StateHasChanged();
    }
}
