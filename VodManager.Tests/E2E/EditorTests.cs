using System.Globalization;
using Microsoft.Playwright;
using VodManager.Core.Ingest;
using VodManager.Core.Jobs;
using VodManager.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace VodManager.Tests.E2E;

/// <summary>The editor in Debian's Chromium against the real app: trimming with the mouse and the keyboard, live jobs.</summary>
[Collection(DemoEditorCollection.Name)]
public sealed class EditorTests(DemoEditorApp demo) : IAsyncLifetime
{
    private IBrowserContext _context = default!;

    public async Task InitializeAsync() => _context = await Browser.NewContextAsync();

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private static ILocator Handle(IPage page, string which, int rank) =>
        page.GetByRole(AriaRole.Slider, new() { Name = $"Trim {which} of highlight #{rank}", Exact = true });

    private static async Task<double> ValueNowAsync(ILocator handle) =>
        double.Parse((await handle.GetAttributeAsync("aria-valuenow"))!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Dragging_a_trim_handle_moves_it_live_and_saving_stores_the_new_bounds()
    {
        var page = await Browser.OpenAsync(_context, demo.StreamUrl);
        var highlight = demo.Highlights[0];
        var handle = Handle(page, "start", 1);
        await Expect(page.Locator("[data-testid=replay][data-interactive]")).ToHaveCountAsync(1);
        await Expect(handle).ToHaveAttributeAsync("aria-valuenow", "61.2");
        await Expect(page.GetByTestId("ghost-badge")).ToHaveTextAsync("starts 1.2 s early");
        var frames = 0;
        page.WebSocket += (_, socket) => socket.FrameSent += (_, _) => frames++;

        await handle.ScrollIntoViewIfNeededAsync();
        var box = (await handle.BoundingBoxAsync())!;
        var (x, y) = (box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        var framesBefore = frames;
        for (var step = 1; step <= 20; step++)
        {
            await page.Mouse.MoveAsync(x + step * 6, y);
        }

        // Live: the handle followed the pointer before any drop reached the server.
        var moved = (await handle.BoundingBoxAsync())!;
        Assert.InRange(moved.X - box.X, 100, 140);
        Assert.True(frames - framesBefore <= 2, $"{frames - framesBefore} messages went to the server during a 20-step drag");
        await page.Mouse.UpAsync();

        // On release the rules apply: the drop snapped to a keyframe, so the cut starts exactly there.
        await Expect(handle).Not.ToHaveAttributeAsync("aria-valuenow", "61.2");
        var dropped = await ValueNowAsync(handle);
        Assert.InRange(dropped, 62, 66);
        Assert.Equal(0, dropped % 2);
        await Expect(page.GetByTestId("ghost-badge")).ToHaveTextAsync("exact");
        await Expect(page.GetByTestId("unsaved")).ToBeVisibleAsync();

        await page.GetByTestId("save-trim").ClickAsync();

        await Expect(page.GetByTestId("unsaved")).ToHaveCountAsync(0);
        var saved = await demo.HighlightAsync(highlight.Id);
        Assert.Equal((dropped, 72.5), (saved.TrimStart!.Value, saved.TrimEnd!.Value));
        Assert.Equal("editor", saved.TrimmedBy);
        var row = page.GetByTestId("bounds").First;
        await Expect(row).ToHaveAttributeAsync("data-start", dropped.ToString(CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("trimmed")).ToBeVisibleAsync();

        await DemoEditorApp.ScreenshotAsync(page, "stream-editor");
        await page.GetByTestId("replay").ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotFolder, "replay-view.png") });
    }

    [Fact]
    public async Task Every_open_editor_follows_the_same_job_live()
    {
        var streamId = await demo.AddStreamAsync("Second stream");
        var url = new Uri(demo.App.BaseUrl, $"/streams/{streamId}");
        await using var otherContext = await Browser.NewContextAsync();
        var first = await Browser.OpenAsync(_context, url);
        var second = await Browser.OpenAsync(otherContext, url);
        await Expect(first.Locator("[data-input=video]")).ToHaveAttributeAsync("data-present", "false");

        var jobId = await demo.App.Get<IJobQueue>().EnqueueAsync(
            new ImportVideoRequest { AccountId = demo.Stream.AccountId, StreamId = streamId, Path = demo.CopyDemoVideoToImportRoot(), RequestedBy = "editor" }, CancellationToken.None);

        foreach (var page in new[] { first, second })
        {
            var row = page.Locator($"main [data-testid=job-row][data-job-id='{jobId}']");
            await Expect(row).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = 30_000 });
            await Expect(row.GetByTestId("job-percent")).ToHaveTextAsync("100%");

            // The finished import updates the page in place: the video and its chip appear without a reload.
            await Expect(page.GetByTestId("source-video")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-input=video]")).ToHaveAttributeAsync("data-present", "true");
        }
    }

    [Fact]
    public async Task Keyboard_nudges_a_focused_handle_and_enter_saves()
    {
        var page = await Browser.OpenAsync(_context, demo.StreamUrl);
        var highlight = demo.Highlights[1];
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Open highlight #2") }).ClickAsync();
        var handle = Handle(page, "start", 2);
        await Expect(handle).ToHaveAttributeAsync("aria-valuenow", "168");

        // Snapping on: the arrows step from keyframe to keyframe (2 s apart in the demo).
        await handle.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(handle).ToHaveAttributeAsync("aria-valuenow", "170");

        await page.GetByRole(AriaRole.Switch, new() { Name = "Snap to keyframes" }).UncheckAsync();
        await handle.FocusAsync();
        for (var i = 0; i < 3; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        await Expect(handle).ToHaveAttributeAsync("aria-valuenow", "170.3");
        await page.Keyboard.PressAsync("Shift+ArrowLeft");
        await Expect(handle).ToHaveAttributeAsync("aria-valuenow", "169.3");
        var outHandle = Handle(page, "end", 2);
        await outHandle.FocusAsync();
        await page.Keyboard.PressAsync("Shift+ArrowRight");
        await Expect(outHandle).ToHaveAttributeAsync("aria-valuenow", "183");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByTestId("unsaved")).ToHaveCountAsync(0);
        var saved = await demo.HighlightAsync(highlight.Id);
        Assert.Equal((169.3, 183.0), (saved.TrimStart!.Value, saved.TrimEnd!.Value));
    }
}
