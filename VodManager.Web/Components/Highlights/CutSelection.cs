using VodManager.Core.Cutting;
using VodManager.Core.Editing;

namespace VodManager.Web.Components.Highlights;

/// <summary>
/// Which of the chosen highlights a cut will take, and why the others are left out: "Not a clip" without an override,
/// already clipped, already being cut, or dismissed. The editor is told about every skip.
/// </summary>
public sealed record CutSelection(IReadOnlyList<HighlightRow> ToCut, IReadOnlyList<(HighlightRow Highlight, string Reason)> Skipped)
{
    public static CutSelection For(IEnumerable<HighlightRow> highlights)
    {
        var toCut = new List<HighlightRow>();
        var skipped = new List<(HighlightRow, string)>();
        foreach (var highlight in highlights.OrderBy(h => h.Rank))
        {
            if (SkipReason(highlight) is { } reason)
            {
                skipped.Add((highlight, reason));
            }
            else
            {
                toCut.Add(highlight);
            }
        }

        return new CutSelection(toCut, skipped);
    }

    /// <summary>Why a highlight cannot be cut now, or null when it can.</summary>
    public static string? SkipReason(HighlightRow highlight) => highlight switch
    {
        { Dismissed: true } => "dismissed",
        { ClipStatus: ClipStatus.Queued or ClipStatus.Cutting } => "already being cut",
        { ClipVodId: not null } => "already has a clip",
        { IsClipable: false, ClipOverrideBy: null } => "not a clip (use \"Create clip anyway\")",
        _ => null,
    };

    /// <summary>One line for the editor: "Cutting 2 highlights; skipped #4 (not a clip …)".</summary>
    public string Summary()
    {
        var cutting = ToCut.Count switch
        {
            0 => "Nothing to cut",
            1 => $"Cutting highlight #{ToCut[0].Rank}",
            var n => $"Cutting {n} highlights",
        };
        return Skipped.Count == 0 ? cutting : $"{cutting}; skipped {string.Join(", ", Skipped.Select(s => $"#{s.Highlight.Rank} ({s.Reason})"))}";
    }
}
