using Bunit;
using VodManager.Core.Data.Entities;
using VodManager.Core.Editing;
using VodManager.Core.Refinement;
using VodManager.Web.Components.Highlights;

namespace VodManager.Tests.Ui.Highlights;

/// <summary>The table's verdict badges for every is_clipable and confidence state.</summary>
public sealed class BadgeTests : UiTest
{
    private static HighlightRow Highlight(bool? clipable, string? overrideBy = null) => new()
    {
        Id = 1, Rank = 3, IsClipable = clipable, ClipOverrideBy = overrideBy, ClipOverrideAt = overrideBy is null ? null : DateTime.UtcNow,
        RefinementReason = "a raid announcement with no payoff",
    };

    [Fact]
    public void Not_clipable_shows_not_a_clip()
    {
        Render<MudBlazor.MudPopoverProvider>();

        var badge = Render<ClipableBadge>(p => p.Add(c => c.Highlight, Highlight(false)));

        Assert.Equal("Not a clip", badge.Find("[data-testid=badge-not-clip]").TextContent.Trim());
        Assert.Empty(badge.FindAll("[data-testid=badge-clipable]"));
    }

    [Fact]
    public void Not_clipable_with_an_override_shows_overridden_instead()
    {
        Render<MudBlazor.MudPopoverProvider>();

        var badge = Render<ClipableBadge>(p => p.Add(c => c.Highlight, Highlight(false, overrideBy: "alice")));

        Assert.Equal("Overridden", badge.Find("[data-testid=badge-overridden]").TextContent.Trim());
        Assert.Empty(badge.FindAll("[data-testid=badge-not-clip]"));
    }

    [Fact]
    public void Clipable_shows_clip()
    {
        var badge = Render<ClipableBadge>(p => p.Add(c => c.Highlight, Highlight(true)));

        Assert.Equal("Clip", badge.Find("[data-testid=badge-clipable]").TextContent.Trim());
    }

    [Fact]
    public void Not_refined_yet_shows_no_verdict()
    {
        var badge = Render<ClipableBadge>(p => p.Add(c => c.Highlight, Highlight(null)));

        Assert.Empty(badge.FindAll("[data-testid]"));
    }

    [Theory]
    [InlineData(0.86, "High", "High 86%")]
    [InlineData(0.75, "High", "High 75%")]
    [InlineData(0.64, "Medium", "Medium 64%")]
    [InlineData(0.31, "Low", "Low 31%")]
    public void Confidence_badge_shows_its_band_and_percent(double confidence, string level, string text)
    {
        Render<MudBlazor.MudPopoverProvider>();

        var badge = Render<ConfidenceBadge>(p => p.Add(c => c.Confidence, confidence));

        var chip = badge.Find("[data-testid=badge-confidence]");
        Assert.Equal(level, chip.GetAttribute("data-level"));
        Assert.Equal(text, chip.TextContent.Trim());
    }

    [Fact]
    public void No_confidence_shows_no_badge()
    {
        var badge = Render<ConfidenceBadge>(p => p.Add(c => c.Confidence, null));

        Assert.Empty(badge.FindAll("[data-testid=badge-confidence]"));
    }

    [Fact]
    public void A_weak_highlight_says_weak_beside_its_score_with_its_confidence_and_a_confident_one_does_not()
    {
        Render<MudBlazor.MudPopoverProvider>();

        var weak = Render<SignalBars>(p => p.Add(c => c.Highlight, new HighlightRow { Id = 7, Rank = 9, Score = 0.4, IsWeak = true, DetectionConfidence = 0.23 }));
        var confident = Render<SignalBars>(p => p.Add(c => c.Highlight, new HighlightRow { Id = 8, Rank = 1, Score = 1.6, DetectionConfidence = 0.81 }));

        var chip = weak.Find("[data-testid=weak]");
        Assert.Equal("weak", chip.TextContent.Trim());
        Assert.Equal("weak, detection confidence 23%", chip.GetAttribute("aria-label"));
        Assert.Empty(confident.FindAll("[data-testid=weak]"));
    }

    [Theory]
    [InlineData(RefinementStatus.Skipped, "cap reached (5 per run, the best-ranked first); refine it on its own", "mud-chip-color-default")]
    [InlineData(RefinementStatus.Failed, "gemini: Refinement:Gemini:ApiKey is empty", "mud-chip-color-error")]
    public void A_skipped_refinement_is_neutral_and_says_what_to_do_where_a_failure_is_red(RefinementStatus status, string reason, string colour)
    {
        Render<MudBlazor.MudPopoverProvider>();

        var chip = Render<RefinementChip>(p => p.Add(c => c.Highlight, new HighlightRow { Id = 1, Rank = 6, RefinementStatus = status, RefinementReason = reason }));

        Assert.Contains(colour, chip.Find("[data-testid=refinement-status]").ClassList);
        Assert.Equal(reason, chip.Find("[data-testid=refinement-reason]").TextContent.Trim());
    }
}
