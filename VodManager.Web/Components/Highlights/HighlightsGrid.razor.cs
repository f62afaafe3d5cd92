using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using VodManager.Core.Cutting;
using VodManager.Core.Data.Entities;

namespace VodManager.Web.Components.Highlights;

/// <summary>
/// The stream's highlights as a multi-select table with bulk actions. It shows and selects; the page that hosts it
/// does the work (an action with no handler is not offered). Rows keep their selection across reloads.
/// </summary>
public sealed partial class HighlightsGrid
{
    private HashSet<Highlight> _selected = new(HighlightIdComparer.Instance);

    /// <summary>Every highlight of the stream, dismissed ones included.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<Highlight> Items { get; set; } = [];

    /// <summary>The highlight open in the replay view, drawn as the current row.</summary>
    [Parameter] public int? ActiveId { get; set; }

    /// <summary>A row was clicked: open it in the replay view.</summary>
    [Parameter] public EventCallback<Highlight> OnActivate { get; set; }

    [Parameter] public EventCallback<Highlight> OnPreview { get; set; }

    /// <summary>Cut these (one row or the selection), skips already worked out.</summary>
    [Parameter] public EventCallback<CutSelection> OnCut { get; set; }

    [Parameter] public EventCallback OnCutAll { get; set; }

    /// <summary>The mode cuts started here use.</summary>
    [Parameter] public CutMode Mode { get; set; }

    [Parameter] public EventCallback<CutMode> ModeChanged { get; set; }

    [Parameter] public EventCallback<Highlight> OnCreateAnyway { get; set; }

    [Parameter] public EventCallback<IReadOnlyList<Highlight>> OnRefine { get; set; }

    [Parameter] public EventCallback<IReadOnlyList<Highlight>> OnDismiss { get; set; }

    [Parameter] public EventCallback<IReadOnlyList<Highlight>> OnRestore { get; set; }

    [Parameter] public bool ShowDismissed { get; set; }

    [Parameter] public EventCallback<bool> ShowDismissedChanged { get; set; }

    /// <summary>An action is in flight: buttons that would start another wait.</summary>
    [Parameter] public bool Busy { get; set; }

    /// <summary>For viewers: rows can be looked at and previewed, nothing else is offered.</summary>
    [Parameter] public bool ReadOnly { get; set; }

    [Parameter] public string NoRecordsText { get; set; } = "No highlights yet.";

    private IEnumerable<Highlight> VisibleItems => ShowDismissed ? Items : Items.Where(h => !h.Dismissed);

    /// <summary>The selected rows as they are now (fresh instances after a reload), hidden ones left out.</summary>
    private IReadOnlyList<Highlight> SelectedRows => VisibleItems.Where(_selected.Contains).ToList();

    private CutSelection BulkCut => CutSelection.For(SelectedRows);

    protected override void OnParametersSet()
    {
        // Drop selections whose rows are gone (deleted by a re-detection) so bulk actions never name them.
        _selected = new HashSet<Highlight>(Items.Where(_selected.Contains), HighlightIdComparer.Instance);
    }

    private void OnSelectionChanged(HashSet<Highlight> selected) => _selected = new HashSet<Highlight>(selected, HighlightIdComparer.Instance);

    private Task OnRowClickAsync(DataGridRowClickEventArgs<Highlight> args) => OnActivate.InvokeAsync(args.Item);

    private string RowClass(Highlight highlight, int index) =>
        (highlight.Id == ActiveId ? "row-active " : "") + (highlight.Dismissed ? "row-dismissed" : "");

    private async Task CutSelectedAsync()
    {
        var selection = BulkCut;
        ClearSelection();
        await OnCut.InvokeAsync(selection);
    }

    private Task CutOneAsync(Highlight highlight) => OnCut.InvokeAsync(CutSelection.For([highlight]));

    private async Task RefineSelectedAsync()
    {
        var rows = SelectedRows;
        ClearSelection();
        await OnRefine.InvokeAsync(rows);
    }

    private Task RefineOneAsync(Highlight highlight) => OnRefine.InvokeAsync([highlight]);

    private async Task DismissSelectedAsync()
    {
        var rows = SelectedRows.Where(h => !h.Dismissed).ToList();
        ClearSelection();
        await OnDismiss.InvokeAsync(rows);
    }

    private Task DismissOneAsync(Highlight highlight) => OnDismiss.InvokeAsync([highlight]);

    private Task RestoreOneAsync(Highlight highlight) => OnRestore.InvokeAsync([highlight]);

    private Task ToggleDismissedAsync(bool show) => ShowDismissedChanged.InvokeAsync(show);

    private void ClearSelection() => _selected = new HashSet<Highlight>(HighlightIdComparer.Instance);

    private static string Invariant(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
