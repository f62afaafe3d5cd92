using VodManager.Core.Editing;

namespace VodManager.Web.Components.Highlights;

/// <summary>
/// A trim shown on the page's row before the server stored it: the row's earlier trim is kept, so a refused save can
/// put it back exactly, and a stored one takes the server's bounds (rounded, pulled inside the stream).
/// </summary>
public sealed class OptimisticTrim
{
    private readonly StreamHighlightsState _state;
    private readonly HighlightRow _before;

    private OptimisticTrim(StreamHighlightsState state, HighlightRow before)
    {
        _state = state;
        _before = before;
    }

    public static OptimisticTrim Apply(StreamHighlightsState state, HighlightRow row, double start, double end)
    {
        state.Update(row.Id, r => r with { TrimStart = start, TrimEnd = end });
        return new OptimisticTrim(state, row);
    }

    public void Confirm(TrimOutcome outcome, string actor, DateTime at) =>
        _state.Update(_before.Id, r => r with { TrimStart = outcome.Start, TrimEnd = outcome.End, TrimmedBy = actor, TrimmedAt = at });

    public void RollBack() =>
        _state.Update(_before.Id, r => r with { TrimStart = _before.TrimStart, TrimEnd = _before.TrimEnd, TrimmedBy = _before.TrimmedBy, TrimmedAt = _before.TrimmedAt });
}
