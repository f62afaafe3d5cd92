using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using VodManager.Core.Cutting;
using VodManager.Core.Data.Entities;
using VodManager.Core.Export;
using VodManager.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace VodManager.Tests.E2E;

/// <summary>An editor exports a clip of the demo stream vertically in the browser, follows it live and downloads it.</summary>
[Collection(DemoEditorCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class ExportTests(DemoEditorApp demo) : IAsyncLifetime
{
    private IBrowserContext _context = default!;

    public async Task InitializeAsync() => _context = await Browser.NewSignedInContextAsync(demo.App.BaseUrl);

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task An_editor_exports_a_captioned_vertical_clip_and_downloads_it()
    {
        // 58–70 s of the demo holds "okay here it comes" and "oh my god no way that actually worked".
        var highlight = await demo.AddHighlightAsync(start: 58, end: 70, _ => { });
        var cut = Assert.Single(await demo.App.Get<ClipCutter>().CutAsync(
            new CutBatch(highlight.AccountId, [highlight.Id], CutMode.Copy, Guid.NewGuid().ToString("N"), "test"), null, CancellationToken.None));
        Assert.True(cut.HasClip, cut.Reason);
        Vod clip;
        await using (var db = await EditorData.Db(demo.App.Services))
        {
            clip = await db.Vods.AsNoTracking().SingleAsync(v => v.Id == cut.ClipVodId);
        }

        var page = await Browser.OpenAsync(_context, new Uri(demo.App.BaseUrl, "/clips"));
        var row = page.Locator($"tr:has([data-vod-id='{clip.Id}'])");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Export {clip.Title} vertical" }).ClickAsync();

        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByTestId("framing-still").Locator("img")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await dialog.GetByTestId("export-profile").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "draft-720x1280" }).ClickAsync();
        await dialog.GetByText("Crop at a position").ClickAsync();
        await dialog.GetByTestId("framing-still").ClickAsync(new() { Position = new() { X = 90, Y = 100 } });
        await Expect(dialog.GetByText("Position x=0.25")).ToBeVisibleAsync();
        await Expect(dialog.GetByTestId("crop-window")).ToHaveAttributeAsync("style", "left:9.22%;width:31.56%");
        await dialog.GetByText("Chat overlay").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Export", Exact = true }).ClickAsync();

        await Expect(dialog.GetByTestId("export-progress")).ToBeVisibleAsync();
        await Expect(dialog.GetByTestId("export-result")).ToContainTextAsync("exported as VOD", new() { Timeout = 120_000 });
        await Browser.ScreenshotAsync(page, "export-dialog");
        // What the Download link saves, as the browser names it (from the response, which a Blob link needs: a browser
        // ignores the download attribute on another origin).
        var link = dialog.GetByRole(AriaRole.Link, new() { Name = "Download" });
        var name = $"{clip.Title.Replace(':', '：')} (draft-720x1280).mp4";
        await Expect(link).ToHaveAttributeAsync("download", name);
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal(name, download.SuggestedFilename);
        var file = Path.Combine(Path.GetTempPath(), $"export-e2e-{Guid.NewGuid():N}.mp4");
        try
        {
            await download.SaveAsAsync(file);
            var media = await TestMedia.Probe().ProbeAsync(file, CancellationToken.None);
            Assert.Equal((720, 1280, "h264", "aac"), (media.Width, media.Height, media.VideoCodec, media.AudioCodec));
            Assert.InRange(media.DurationSeconds, (clip.DurationSeconds ?? 0) - 0.1, (clip.DurationSeconds ?? 0) + 0.1);
        }
        finally
        {
            File.Delete(file);
        }

        var export = await demo.App.Get<ExportLibrary>().FindAsync(new ExportSpec(clip.AccountId, clip.Id, "draft-720x1280", Framing.At(0.25), Chat: true), CancellationToken.None);
        Assert.NotNull(export);
        Assert.True(export.Captioned);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).Last.ClickAsync();
        await Expect(row.GetByTestId("export-link")).ToContainTextAsync("draft-720x1280 · x=0.25 · chat");
    }
}
