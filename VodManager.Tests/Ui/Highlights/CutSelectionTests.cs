using VodManager.Core.Cutting;
using VodManager.Core.Editing;
using VodManager.Web.Components.Highlights;

namespace VodManager.Tests.Ui.Highlights;

/// <summary>Which highlights a cut takes, and the reasons it gives for the rest.</summary>
public sealed class CutSelectionTests
{
    [Fact]
    public void Not_clipable_clipped_and_busy_rows_are_skipped_and_said_so()
    {
        HighlightRow[] rows =
        [
            new() { Id = 1, Rank = 1, IsClipable = true },
            new() { Id = 2, Rank = 2, IsClipable = false },
            new() { Id = 3, Rank = 3, IsClipable = false, ClipOverrideBy = "alice" },
            new() { Id = 4, Rank = 4, ClipVodId = 9, ClipStatus = ClipStatus.Done },
            new() { Id = 5, Rank = 5, ClipStatus = ClipStatus.Cutting },
            new() { Id = 6, Rank = 6, Dismissed = true },
        ];

        var selection = CutSelection.For(rows.Reverse());

        Assert.Equal([1, 3], selection.ToCut.Select(h => h.Id));
        Assert.Equal(
            "Cutting 2 highlights; skipped #2 (not a clip (use \"Create clip anyway\")), #4 (already has a clip), #5 (already being cut), #6 (dismissed)",
            selection.Summary());
    }
}
