using VodManager.Core.Editing;

namespace VodManager.Web.Components.Highlights;

/// <summary>
/// The stream page's highlights, shared by the parts that show them (the grid, the replay view, the overview), like
/// QuickGrid keeps its state apart from its UI: the rows, the one open in the replay view, and whether dismissed rows
/// show. The page reloads it when jobs change rows; the editor parts read it and change the open row.
/// </summary>
public sealed class StreamHighlightsState(HighlightQueries queries, TimeProvider time, int accountId, int streamId)
{
    private long _loadedAt;

    public IReadOnlyList<HighlightRow> Items { get; private set; } = [];

    private int? _activeId;

    /// <summary>The row open in the replay view; set by an editor (a row picked, a moment marked, the next after a dismissal).</summary>
    public int? ActiveId
    {
        get => _activeId;
        set => (_activeId, OpenedByPage) = (value, false);
    }

    /// <summary>
    /// The open row was opened by the page, not an editor: the best one, as the rows came in or the open one went (a
    /// detection replaced it). It need not take the player from where an editor put it.
    /// </summary>
    public bool OpenedByPage { get; private set; }

    public bool ShowDismissed { get; set; }

    public HighlightRow? Active => Items.FirstOrDefault(h => h.Id == ActiveId);

    /// <summary>What the replay view marks: the rows not dismissed, and the open one whatever it is.</summary>
    public IReadOnlyList<HighlightRow> Visible => Items.Where(h => !h.Dismissed || h.Id == ActiveId).ToList();

    /// <summary>How long since the rows were read.</summary>
    public TimeSpan Age => time.GetElapsedTime(_loadedAt);

    /// <summary>Reads the rows again; when the open row is gone (or dismissed and hidden), the best remaining one opens.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        _loadedAt = time.GetTimestamp();
        Items = await queries.ListAsync(accountId, streamId, cancellationToken);
        if (Active is null || (Active.Dismissed && !ShowDismissed))
        {
            (_activeId, OpenedByPage) = (Items.FirstOrDefault(h => !h.Dismissed)?.Id, true);
        }
    }

    /// <summary>Shows a change to a row before the rows are read again (an optimistic edit); a row that is gone stays gone.</summary>
    public void Update(int highlightId, Func<HighlightRow, HighlightRow> change) =>
        Items = Items.Select(h => h.Id == highlightId ? change(h) : h).ToList();
}
