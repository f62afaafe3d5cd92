using VodManager.Core.Data.Entities;
using VodManager.Core.Editing;

namespace VodManager.Web.Components.Highlights;

/// <summary>
/// A trim shown on the page's row before the server stored it: the row keeps what it had, so a refused save can put it
/// back exactly, and a stored one takes the server's bounds (rounded, pulled inside the stream).
/// </summary>
public sealed class OptimisticTrim
{
    private readonly Highlight _row;
    private readonly (double? Start, double? End, string? By, DateTime? At) _before;

    private OptimisticTrim(Highlight row)
    {
        _row = row;
        _before = (row.TrimStart, row.TrimEnd, row.TrimmedBy, row.TrimmedAt);
    }

    public static OptimisticTrim Apply(Highlight row, double start, double end)
    {
        var trim = new OptimisticTrim(row);
        (row.TrimStart, row.TrimEnd) = (start, end);
        return trim;
    }

    public void Confirm(TrimOutcome outcome, string actor) =>
        (_row.TrimStart, _row.TrimEnd, _row.TrimmedBy, _row.TrimmedAt) = (outcome.Start, outcome.End, actor, DateTime.UtcNow);

    public void RollBack() =>
        (_row.TrimStart, _row.TrimEnd, _row.TrimmedBy, _row.TrimmedAt) = _before;
}
