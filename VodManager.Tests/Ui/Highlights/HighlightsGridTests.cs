using AngleSharp.Dom;
using Bunit;
using MudBlazor;
using VodManager.Core.Cutting;
using VodManager.Core.Data.Entities;
using VodManager.Core.Editing;
using VodManager.Core.Refinement;
using VodManager.Web.Components.Highlights;

namespace VodManager.Tests.Ui.Highlights;

/// <summary>The highlights table: multi-select, which bulk actions it enables, and what it hands the page.</summary>
public sealed class HighlightsGridTests : UiTest
{
    private readonly List<CutSelection> _cuts = [];
    private readonly List<IReadOnlyList<HighlightRow>> _dismissed = [];

    private static HighlightRow[] Rows() =>
    [
        new() { Id = 11, Rank = 1, DetectedStart = 60, DetectedEnd = 72, Score = 9, IsClipable = true, Confidence = 0.9 },
        new() { Id = 12, Rank = 2, DetectedStart = 170, DetectedEnd = 182, Score = 8 },
        new() { Id = 13, Rank = 3, DetectedStart = 146, DetectedEnd = 158, Score = 6, IsClipable = false, Confidence = 0.3 },
        new() { Id = 14, Rank = 4, DetectedStart = 94, DetectedEnd = 104, Score = 5, Dismissed = true },
    ];

    private IRenderedComponent<HighlightsGrid> RenderGrid(HighlightRow[] rows, bool withCut = true)
    {
        Render<MudPopoverProvider>();
        return Render<HighlightsGrid>(p =>
        {
            p.Add(g => g.Items, rows);
            if (withCut)
            {
                p.Add(g => g.OnCut, (CutSelection s) => _cuts.Add(s));
            }

            p.Add(g => g.OnDismiss, (IReadOnlyList<HighlightRow> h) => _dismissed.Add(h));
        });
    }

    /// <summary>Ticks a row and waits for the grid to count it: the data grid hands the selection on asynchronously.</summary>
    private static void Tick(IRenderedComponent<HighlightsGrid> grid, int rank)
    {
        var before = SelectedCount(grid);
        var row = grid.FindAll("tbody tr").Single(r => r.QuerySelector("[data-testid=rank]")?.TextContent == rank.ToString());
        row.QuerySelector("input[type=checkbox]")!.Change(true);
        grid.WaitForAssertion(() => Assert.Equal(before + 1, SelectedCount(grid)));
    }

    private static int SelectedCount(IRenderedComponent<HighlightsGrid> grid) =>
        grid.FindAll("[data-testid=selection-count]").SingleOrDefault() is { } count ? int.Parse(count.TextContent.Split(' ')[0]) : 0;

    private static bool Disabled(IRenderedComponent<HighlightsGrid> grid, string testId) => grid.Find($"[data-testid={testId}]").HasAttribute("disabled");

    [Fact]
    public void Dismissed_rows_are_hidden_until_asked_for()
    {
        var grid = RenderGrid(Rows());

        Assert.Equal(["1", "2", "3"], grid.FindAll("[data-testid=rank]").Select(r => r.TextContent));

        grid.Render(p => p.Add(g => g.ShowDismissed, true));

        Assert.Equal(["1", "2", "3", "4"], grid.FindAll("[data-testid=rank]").Select(r => r.TextContent));
    }

    [Fact]
    public void Bulk_actions_are_disabled_until_rows_are_selected()
    {
        var grid = RenderGrid(Rows());

        Assert.True(Disabled(grid, "bulk-cut"));
        Assert.True(Disabled(grid, "bulk-dismiss"));

        Tick(grid, 1);
        Tick(grid, 2);

        Assert.False(Disabled(grid, "bulk-cut"));
        Assert.False(Disabled(grid, "bulk-dismiss"));
        Assert.Contains("Cut selected (2)", grid.Find("[data-testid=bulk-cut]").TextContent);
        Assert.Equal("2 selected", grid.Find("[data-testid=selection-count]").TextContent);
    }

    [Fact]
    public void A_selection_of_only_not_clipable_rows_cannot_be_cut_but_can_be_dismissed()
    {
        var grid = RenderGrid(Rows());

        Tick(grid, 3);

        Assert.True(Disabled(grid, "bulk-cut"));
        Assert.False(Disabled(grid, "bulk-dismiss"));
    }

    [Fact]
    public void Cut_selected_hands_over_the_clipable_rows_and_the_skipped_ones_with_reasons()
    {
        var grid = RenderGrid(Rows());
        Tick(grid, 1);
        Tick(grid, 2);
        Tick(grid, 3);

        grid.Find("[data-testid=bulk-cut]").Click();

        var cut = Assert.Single(_cuts);
        Assert.Equal([11, 12], cut.ToCut.Select(h => h.Id));
        Assert.Equal([(13, "not a clip (use \"Create clip anyway\")")], cut.Skipped.Select(s => (s.Highlight.Id, s.Reason)));
        Assert.True(Disabled(grid, "bulk-cut"), "the selection is cleared once handed over");
    }

    [Fact]
    public void The_selection_survives_a_reload_with_fresh_rows()
    {
        var grid = RenderGrid(Rows());
        Tick(grid, 2);

        var fresh = Rows();
        fresh[1] = fresh[1] with { Score = 8.5 };
        grid.Render(p => p.Add(g => g.Items, fresh));
        // The data grid takes the new rows on asynchronously, as it hands selections on: the selection must come through.
        grid.WaitForAssertion(() => Assert.Equal((1, false), (SelectedCount(grid), Disabled(grid, "bulk-dismiss"))));
        grid.Find("[data-testid=bulk-dismiss]").Click();

        var dismissed = Assert.Single(_dismissed);
        Assert.Same(fresh[1], Assert.Single(dismissed));
    }

    [Fact]
    public void A_row_action_clicked_while_the_grid_redraws_after_a_reload_is_not_lost()
    {
        var grid = RenderGrid(Rows());
        // A copy of the button as the browser still shows it when the click leaves, before the reload's redraw reaches
        // it (what Find returns looks the button up again after the redraw).
        var dismiss = (IElement)grid.Find("button[aria-label='Dismiss highlight #2']").Clone();

        var reloaded = Rows();
        reloaded[1] = reloaded[1] with { RefinementStatus = RefinementStatus.Refined, IsClipable = true };
        grid.Render(p => p.Add(g => g.Items, reloaded));
        dismiss.Click();

        Assert.Equal(12, Assert.Single(Assert.Single(_dismissed)).Id);
    }

    [Fact]
    public void Row_actions_offer_create_clip_anyway_only_on_not_clipable_rows()
    {
        var grid = RenderGrid(Rows());

        var anyway = grid.FindAll("button[aria-label^='Create clip anyway']");
        Assert.Equal(["Create clip anyway from highlight #3"], anyway.Select(b => b.GetAttribute("aria-label")));
        Assert.Equal(2, grid.FindAll("button[aria-label^='Cut highlight']").Count);
    }

    [Fact]
    public void A_clip_cut_before_its_highlight_was_trimmed_says_what_it_holds_and_how_to_cut_again()
    {
        var cutAt = new DateTime(2026, 12, 6, 6, 13, 0, DateTimeKind.Utc);
        HighlightRow Clipped(int id, int rank, double trimStart, DateTime trimmedAt) => new()
        {
            Id = id, Rank = rank, DetectedStart = 5331, DetectedEnd = 5379, Score = 5, TrimStart = trimStart, TrimEnd = 5379, TrimmedAt = trimmedAt,
            ClipStatus = ClipStatus.Done, ClipVodId = 100 + id, ClipSizeBytes = 3_400_000, ClipStart = 5330, ClipEnd = 5379, ClipCutAt = cutAt,
        };

        var again = new List<HighlightRow>();
        Render<MudPopoverProvider>();
        var grid = Render<HighlightsGrid>(p => p
            .Add(g => g.Items, [Clipped(21, 1, 5324, cutAt.AddMinutes(5)), Clipped(22, 2, 5331, cutAt.AddMinutes(-5))])
            .Add(g => g.OnCut, (CutSelection s) => _cuts.Add(s))
            .Add(g => g.OnCutAgain, (HighlightRow h) => again.Add(h)));

        var warning = Assert.Single(grid.FindAll("[data-testid=clip-predates]"));
        Assert.Equal("The clip holds 1:28:50.0 – 1:29:39.0, cut before the bounds changed", warning.GetAttribute("aria-label"));
        Assert.Equal("1", warning.Closest("tr")!.QuerySelector("[data-testid=rank]")!.TextContent.Trim());

        // The trimmed one is offered a cut again; the other, cut after its trim, keeps its clip with no cut offered.
        Assert.True(grid.Find("button[aria-label='Cut highlight #2']").HasAttribute("disabled"));
        Assert.Empty(grid.FindAll("button[aria-label='Cut highlight #2 again']"));
        grid.Find("button[aria-label='Cut highlight #1 again']").Click();
        Assert.Equal(21, Assert.Single(again).Id);
        Assert.Empty(_cuts);
    }

    [Fact]
    public void A_cut_again_that_failed_shows_the_kept_clip_with_why_and_still_offers_the_cut()
    {
        var cutAt = new DateTime(2026, 12, 6, 6, 13, 0, DateTimeKind.Utc);
        var row = new HighlightRow
        {
            Id = 31, Rank = 1, DetectedStart = 5331, DetectedEnd = 5379, Score = 5, TrimStart = 5324, TrimEnd = 5379, TrimmedAt = cutAt.AddMinutes(5),
            ClipStatus = ClipStatus.Done, ClipVodId = 131, ClipSizeBytes = 3_400_000, ClipStart = 5330, ClipEnd = 5379, ClipCutAt = cutAt,
            ClipError = "No room for the new cut beside the clip it replaces, which is kept.",
        };
        Render<MudPopoverProvider>();
        var grid = Render<HighlightsGrid>(p => p
            .Add(g => g.Items, [row, row with { Id = 32, Rank = 2, ClipVodId = 132, ClipError = null }])
            .Add(g => g.OnCut, (CutSelection s) => _cuts.Add(s))
            .Add(g => g.OnCutAgain, (HighlightRow _) => { }));

        var failed = Assert.Single(grid.FindAll("[data-testid=recut-failed]"));
        Assert.Equal("Cutting again failed, the clip is kept: No room for the new cut beside the clip it replaces, which is kept.", failed.GetAttribute("aria-label"));
        var cells = failed.Closest("tr")!;
        Assert.Equal("1", cells.QuerySelector("[data-testid=rank]")!.TextContent.Trim());
        Assert.NotNull(cells.QuerySelector("[data-testid=clip-link]"));
        Assert.NotNull(cells.QuerySelector("button[aria-label='Cut highlight #1 again']"));
    }

    [Fact]
    public void Without_a_cut_handler_no_cut_is_offered()
    {
        var grid = RenderGrid(Rows(), withCut: false);

        Assert.Empty(grid.FindAll("[data-testid=bulk-cut]"));
        Assert.Empty(grid.FindAll("button[aria-label^='Cut highlight']"));
        Assert.Empty(grid.FindAll("button[aria-label^='Create clip anyway']"));
    }
}
