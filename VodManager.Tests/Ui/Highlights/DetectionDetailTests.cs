using Bunit;
using MudBlazor;
using VodManager.Core.Editing;
using VodManager.Web.Components.Highlights;

namespace VodManager.Tests.Ui.Highlights;

/// <summary>A highlight's expanded row says why detection picked it, without hovering the score bars.</summary>
public sealed class DetectionDetailTests : UiTest
{
    private const string Reason = "raid from MrIncredibleHS with 36 viewers; chat model p=0.61: 6.0× the last minutes, 2.8× the stream's chatters (chat lag 10 s)";

    [Fact]
    public void The_reason_each_signal_s_share_and_the_confidence_are_shown()
    {
        var detail = Render<DetectionDetail>(p => p.Add(c => c.Highlight, new HighlightRow
        {
            Id = 1, Rank = 1, Score = 1.612, Signals = new HighlightSignals(0.612, 1, 0, 0.25), Explanation = Reason, DetectionConfidence = 1,
        }));

        Assert.Equal(Reason, detail.Find("[data-testid=detection-reason]").TextContent);
        Assert.Equal("score 1.61 · chat 61% · events 100% · transcript 0% · audio 25% · confidence 100%", detail.Find("[data-testid=detection-figures]").TextContent);
    }

    [Fact]
    public void A_weak_highlight_says_so_and_one_without_a_reason_says_that()
    {
        var detail = Render<DetectionDetail>(p => p.Add(c => c.Highlight, new HighlightRow
        {
            Id = 2, Rank = 9, Score = 0.31, Signals = new HighlightSignals(0.31, 0, 0, 0), IsWeak = true, DetectionConfidence = 0.23,
        }));

        Assert.Equal("Detection recorded no reason for this highlight.", detail.Find("[data-testid=detection-reason]").TextContent);
        Assert.EndsWith("confidence 23% · weak: no signal was confident here", detail.Find("[data-testid=detection-figures]").TextContent);
    }

    [Fact]
    public void Expanding_a_row_of_the_table_shows_its_detection_reason()
    {
        Render<MudPopoverProvider>();
        var grid = Render<HighlightsGrid>(p => p.Add(g => g.Items, [new HighlightRow { Id = 11, Rank = 1, DetectedStart = 60, DetectedEnd = 72, Score = 0.9, Explanation = Reason }]));
        Assert.Empty(grid.FindAll("[data-testid=detection-reason]"));

        grid.Find("tbody tr button").Click();

        grid.WaitForAssertion(() => Assert.Equal(Reason, grid.Find("[data-testid=detection-reason]").TextContent));
    }
}
