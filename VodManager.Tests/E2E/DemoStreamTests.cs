using Microsoft.Playwright;
using VodManager.Demo;
using VodManager.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace VodManager.Tests.E2E;

/// <summary>What a newcomer sees on the demo stream: a long minimap full of highlights, a "Not a clip" verdict, a clip.</summary>
[Collection(DemoEditorCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class DemoStreamTests(DemoEditorApp demo) : IAsyncLifetime
{
    private IBrowserContext _context = default!;

    public async Task InitializeAsync() => _context = await Browser.NewSignedInContextAsync(demo.App.BaseUrl);

    public Task DisposeAsync() => _context.DisposeAsync().AsTask();

    private static ILocator Row(IPage page, int rank) =>
        page.Locator("tbody tr", new() { Has = page.Locator($"[data-testid=rank]:text-is('{rank}')") });

    [Fact]
    public async Task The_demo_shows_twenty_minutes_of_varied_highlights_a_not_a_clip_verdict_and_a_clip_ready_to_export()
    {
        // Every planted moment became a highlight, with every kind of signal among them.
        Assert.InRange(demo.Stream.DurationSeconds ?? 0, DemoStreamGenerator.DurationSeconds - 1, DemoStreamGenerator.DurationSeconds + 1);
        Assert.All(DemoStreamGenerator.Moments, m => Assert.Contains(demo.Detected, h => h.DetectedStart <= m.AtSeconds + 10 && m.AtSeconds <= h.DetectedEnd));
        Assert.Contains(demo.Detected, h => h.Signals.Chat > 0.5);
        Assert.Contains(demo.Detected, h => h.Signals.Events > 0.5);
        Assert.Contains(demo.Detected, h => h.Signals.Transcript > 0.5);
        Assert.Contains(demo.Detected, h => h.Signals.Audio > 0.5);

        // The heuristic judged the highlight on the silent break not a clip, for that reason.
        var silent = DemoStreamGenerator.Moments.Single(m => m.Silent);
        Assert.InRange(silent.AtSeconds, demo.NotClip.DetectedStart, demo.NotClip.DetectedEnd + 10);
        Assert.StartsWith("silent", demo.NotClip.RefinementReason);

        var page = await Browser.OpenAsync(_context, demo.StreamUrl);
        foreach (var highlight in demo.Detected)
        {
            await Expect(page.Locator($"[data-testid=minimap-range][data-highlight-id='{highlight.Id}']")).ToHaveCountAsync(1);
        }

        var notClip = Row(page, demo.NotClip.Rank);
        await Expect(notClip.GetByTestId("badge-not-clip")).ToBeVisibleAsync();
        await Expect(notClip.GetByRole(AriaRole.Button, new() { Name = $"Create clip anyway from highlight #{demo.NotClip.Rank}" })).ToBeVisibleAsync();
        await Expect(Row(page, demo.Clipped.Rank).GetByTestId("clip-link")).ToBeVisibleAsync();
        await DemoEditorApp.ScreenshotAsync(page, "demo-stream");

        var clips = await Browser.OpenAsync(_context, new Uri(demo.App.BaseUrl, "/clips"));
        await Expect(clips.Locator($"[data-testid=source-highlight][href$='highlight={demo.Clipped.Id}']")).ToHaveCountAsync(1);
    }

    [Theory]
    [InlineData(1440)] // a desktop: the grid beside the side panels
    [InlineData(1280)] // the narrowest window with the side panels beside
    [InlineData(1024)] // a laptop
    [InlineData(768)] // a tablet held upright
    public async Task On_any_window_the_highlights_grid_follows_the_player_fits_and_every_rows_actions_are_in_view(int width)
    {
        var page = await Browser.OpenAsync(_context, demo.StreamUrl);
        await page.SetViewportSizeAsync(width, 900);
        var grid = page.GetByTestId("highlights-grid");
        await Expect(Row(page, demo.Clipped.Rank).GetByTestId("clip-link")).ToBeVisibleAsync();

        // The table came after the side panels (import, inputs, overview, model, jobs): on a desktop it started some
        // 1,800 px down, two screens below the player it is reviewed with.
        var replay = await page.GetByTestId("replay").BoundingBoxAsync();
        var table = await page.GetByTestId("highlights").BoundingBoxAsync();
        Assert.True(replay is not null && table is not null);
        Assert.InRange(table.Y - (replay.Y + replay.Height), 0, 60);

        // Nine columns and a skipped refinement's reason had pushed the actions past the window's edge.
        await Browser.AssertFitsAsync(grid.Locator(".mud-table-container"), "the grid");
        foreach (var button in await grid.Locator("tbody tr td:last-child button").AllAsync())
        {
            var box = await button.BoundingBoxAsync();
            Assert.True(box is { } b && b.X + b.Width <= width, $"'{await button.GetAttributeAsync("aria-label")}' ends at {box?.X + box?.Width} px");
        }

        Assert.Equal(1, Assert.Single(await Browser.LinesAsync(Row(page, demo.Clipped.Rank).GetByTestId("clip-link"))));
        await grid.ScrollIntoViewIfNeededAsync();
        await Browser.ScreenshotAsync(page, $"demo-stream-{width}", fullPage: false);
    }
}
