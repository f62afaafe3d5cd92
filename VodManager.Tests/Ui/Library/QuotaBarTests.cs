using Bunit;
using VodManager.Core.Accounts;
using VodManager.Core.Library;
using VodManager.Web.Components.Library;

namespace VodManager.Tests.Ui.Library;

/// <summary>The clips page's storage bar: use against the plan, and what of it unfinished uploads hold.</summary>
public sealed class QuotaBarTests : UiTest
{
    private IRenderedComponent<QuotaBar> Bar(QuotaUsage usage) => Render<QuotaBar>(p => p.Add(c => c.Usage, usage));

    [Theory]
    [InlineData(1, "2 MB of 1 GB · 1 VOD")]
    [InlineData(3, "2 MB of 1 GB · 3 VODs")]
    public void A_paid_plan_shows_bytes_against_its_quota_and_counts_its_vods(int vods, string expected)
    {
        var bar = Bar(new QuotaUsage("Uploader", AccountPlan.Paid, 2L << 20, 1L << 30, vods, null));

        Assert.Equal(expected, bar.Find("[data-testid=quota-text]").TextContent.Trim());
        Assert.Empty(bar.FindAll("[data-testid=quota-unfinished]"));
    }

    [Theory]
    [InlineData(1, "2.9 MB of it held by an unfinished upload (its stream's page continues or discards it)")]
    [InlineData(2, "2.9 MB of it held by 2 unfinished uploads (their streams' pages continue or discard them)")]
    public void Space_held_by_unfinished_uploads_is_said_apart(int uploads, string expected)
    {
        var bar = Bar(new QuotaUsage("Uploader", AccountPlan.Paid, 5L << 20, 1L << 30, 2, null, uploads, 3_040_870));

        Assert.Equal(expected, bar.Find("[data-testid=quota-unfinished]").TextContent.Trim());
    }
}
