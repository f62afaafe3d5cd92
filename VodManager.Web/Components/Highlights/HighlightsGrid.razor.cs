using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using VodManager.Core.Cutting;
using VodManager.Core.Editing;

namespace VodManager.Web.Components.Highlights;

/// <summary>
/// The stream's highlights as a multi-select table with bulk actions. It shows and selects; the page that hosts it
/// does the work (an action with no handler is not offered). Rows keep their selection across reloads.
/// </summary>
public sealed partial class HighlightsGrid
{
    private HashSet<HighlightRow> _selected = [];

    /// <summary>Every highlight of the stream, dismissed ones included.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<HighlightRow> Items { get; set; } = [];

    /// <summary>The stream the highlights are of: a clip links to that stream's clips in the library.</summary>
    [Parameter, EditorRequired] public int StreamId { get; set; }

    /// <summary>The highlight open in the replay view, drawn as the current row.</summary>
    [Parameter] public int? ActiveId { get; set; }

    /// <summary>A row was clicked: open it in the replay view.</summary>
    [Parameter] public EventCallback<HighlightRow> OnActivate { get; set; }

    [Parameter] public EventCallback<HighlightRow> OnPreview { get; set; }

    /// <summary>Cut these (one row or the selection), skips already worked out.</summary>
    [Parameter] public EventCallback<CutSelection> OnCut { get; set; }

    [Parameter] public EventCallback OnCutAll { get; set; }

    /// <summary>The mode cuts started here use.</summary>
    [Parameter] public CutMode Mode { get; set; }

    [Parameter] public EventCallback<CutMode> ModeChanged { get; set; }

    [Parameter] public EventCallback<HighlightRow> OnCreateAnyway { get; set; }

    /// <summary>A clip cut before its highlight's bounds changed: replace it with a cut of the bounds now.</summary>
    [Parameter] public EventCallback<HighlightRow> OnCutAgain { get; set; }

    [Parameter] public EventCallback<IReadOnlyList<HighlightRow>> OnRefine { get; set; }

    [Parameter] public EventCallback<IReadOnlyList<HighlightRow>> OnDismiss { get; set; }

    [Parameter] public EventCallback<IReadOnlyList<HighlightRow>> OnRestore { get; set; }

    [Parameter] public bool ShowDismissed { get; set; }

    [Parameter] public EventCallback<bool> ShowDismissedChanged { get; set; }

    /// <summary>An action is in flight: buttons that would start another wait.</summary>
    [Parameter] public bool Busy { get; set; }

    /// <summary>For viewers: rows can be looked at and previewed, nothing else is offered.</summary>
    [Parameter] public bool ReadOnly { get; set; }

    [Parameter] public string NoRecordsText { get; set; } = "No highlights yet.";

    [Inject] private TimeProvider Time { get; set; } = default!;

    private IEnumerable<HighlightRow> VisibleItems => ShowDismissed ? Items : Items.Where(h => !h.Dismissed);

    /// <summary>The selected rows as they are now (fresh instances after a reload), hidden ones left out.</summary>
    private IReadOnlyList<HighlightRow> SelectedRows => VisibleItems.Where(_selected.Contains).ToList();

    private CutSelection BulkCut => CutSelection.For(SelectedRows);

    protected override void OnParametersSet()
    {
        // Drop selections whose rows are gone (deleted by a re-detection) so bulk actions never name them.
        _selected = new HashSet<HighlightRow>(Items.Where(_selected.Contains));
    }

    private void OnSelectionChanged(HashSet<HighlightRow> selected) => _selected = new HashSet<HighlightRow>(selected);

    private Task OnRowClickAsync(DataGridRowClickEventArgs<HighlightRow> args) => OnActivate.InvokeAsync(args.Item);

    private string RowClass(HighlightRow highlight, int index) =>
        (highlight.Id == ActiveId ? "row-active " : "") + (highlight.Dismissed ? "row-dismissed" : "");

    private async Task CutSelectedAsync()
    {
        var selection = BulkCut;
        ClearSelection();
        await OnCut.InvokeAsync(selection);
    }

    private Task CutOneAsync(HighlightRow highlight) => OnCut.InvokeAsync(CutSelection.For([highlight]));

    private async Task RefineSelectedAsync()
    {
        var rows = SelectedRows;
        ClearSelection();
        await OnRefine.InvokeAsync(rows);
    }

    private Task RefineOneAsync(HighlightRow highlight) => OnRefine.InvokeAsync([highlight]);

    private async Task DismissSelectedAsync()
    {
        var rows = SelectedRows.Where(h => !h.Dismissed).ToList();
        ClearSelection();
        await OnDismiss.InvokeAsync(rows);
    }

    private Task DismissOneAsync(HighlightRow highlight) => OnDismiss.InvokeAsync([highlight]);

    private Task RestoreOneAsync(HighlightRow highlight) => OnRestore.InvokeAsync([highlight]);

    private Task ToggleDismissedAsync(bool show) => ShowDismissedChanged.InvokeAsync(show);

    private void ClearSelection() => _selected = [];

    private static string Invariant(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
