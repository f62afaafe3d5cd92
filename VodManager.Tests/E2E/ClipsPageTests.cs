using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using VodManager.Core.Cutting;
using VodManager.Core.Data.Entities;
using VodManager.Core.Library;
using VodManager.Core.Quota;
using VodManager.Core.Storage;
using VodManager.Core.Streams;
using VodManager.Tests.Fixtures;
using VodManager.Web.Components;
using static Microsoft.Playwright.Assertions;

namespace VodManager.Tests.E2E;

/// <summary>The clips library in a real browser: provenance, source highlight, and a delete that frees quota.</summary>
[Collection(DemoEditorCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class ClipsPageTests(DemoEditorApp demo) : IAsyncLifetime
{
    private IBrowserContext _context = default!;

    public async Task InitializeAsync() => _context = await Browser.NewSignedInContextAsync(demo.App.BaseUrl);

    public async Task DisposeAsync() => await _context.DisposeAsync();

    /// <summary>Stores a clip of a highlight and links it back, as the cutter does.</summary>
    private async Task<Vod> StoreClipAsync(Highlight highlight, long bytes, string title)
    {
        var clip = await EditorData.StoreVodAsync(demo.App.Services, new VodReservation(
            highlight.AccountId, highlight.StreamId, VodType.Highlight, VodProvenance.Manual, $"highlight-{highlight.Id}", title,
            StorageKeys.Clip(highlight.AccountId, highlight.Id), bytes, highlight.Id), 14);
        await using var db = await EditorData.Db(demo.App.Services);
        await db.Highlights.Where(h => h.Id == highlight.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.ClipVodId, clip.Id).SetProperty(h => h.ClipStatus, ClipStatus.Done));
        return clip;
    }

    [Fact]
    public async Task A_clip_shows_where_it_came_from_and_deleting_it_frees_its_space()
    {
        var highlight = await demo.AddHighlightAsync(start: 200, end: 214, _ => { });
        // Titled as the cutter titles a clip of a stream with a long name.
        var title = $"Demo stream: cheers, a raid, a hype train and a quiet break – highlight #{highlight.Rank} (3:20.0–3:34.0)";
        var clip = await StoreClipAsync(highlight, 2_000_000, title);
        var usedBefore = (await demo.App.Get<ClipLibrary>().GetUsageAsync(highlight.AccountId, CancellationToken.None)).UsedBytes;

        var page = await Browser.OpenAsync(_context, new Uri(demo.App.BaseUrl, "/clips"));
        // A second editor on the clips page, who will see the deletion without doing anything.
        await using var otherContext = await Browser.NewSignedInContextAsync(demo.App.BaseUrl);
        var other = await Browser.OpenAsync(otherContext, new Uri(demo.App.BaseUrl, "/clips"));
        await Expect(other.Locator($"tr:has([data-vod-id='{clip.Id}'])")).ToHaveCountAsync(1);

        var row = page.Locator($"tr:has([data-vod-id='{clip.Id}'])");
        await Expect(row.GetByTestId("provenance")).ToHaveTextAsync("manual");
        await Expect(row.GetByTestId("source-highlight")).ToHaveTextAsync($"#{highlight.Rank}");
        await Expect(row.GetByTestId("source-highlight")).ToHaveAttributeAsync("href", $"/streams/{highlight.StreamId}?highlight={highlight.Id}");
        await Expect(row.GetByTestId("clip-size")).ToHaveTextAsync("1.9 MB");
        // A long clip title beside it squeezed the column until "MB" fell onto a line of its own.
        await page.SetViewportSizeAsync(1024, 900);
        Assert.All(await Browser.LinesAsync(page.GetByTestId("clip-size")), lines => Assert.Equal(1, lines));
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = $"Download {title}" })).ToHaveAttributeAsync("download", $"{title.Replace(':', '：')}.mp4"); // a colon Windows keeps
        await Expect(page.GetByTestId("quota-bar")).ToHaveAttributeAsync("data-used-bytes", usedBefore.ToString());
        await Browser.ScreenshotAsync(page, "clips");

        // Named for posting: an empty name is refused in the dialog, a real one names the download; the other editor sees it.
        await row.GetByRole(AriaRole.Button, new() { Name = $"Rename {title}" }).ClickAsync();
        var dialog = page.GetByTestId("rename-clip-dialog");
        await dialog.Locator("input").FillAsync("  ");
        await page.GetByTestId("rename-clip-save").ClickAsync();
        await Expect(dialog.GetByTestId("rename-clip-error")).ToHaveTextAsync("A clip's title cannot be empty.");
        await dialog.Locator("input").FillAsync("The 1v5 clutch: Demo?");
        await Browser.ScreenshotAsync(page, "clips-rename", fullPage: false);
        await dialog.Locator("input").PressAsync("Enter");
        await Expect(dialog).ToHaveCountAsync(0);
        title = "The 1v5 clutch: Demo?";
        await Expect(row.GetByTestId("clip-title-text")).ToHaveTextAsync(title);
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = $"Download {title}" })).ToHaveAttributeAsync("download", "The 1v5 clutch： Demo？.mp4");
        // The link's own response names it too: a browser ignores the download attribute on a Blob URL (another origin).
        var href = await row.GetByRole(AriaRole.Link, new() { Name = $"Download {title}" }).GetAttributeAsync("href");
        var disposition = await page.EvaluateAsync<string>("async url => (await fetch(url, { method: 'HEAD' })).headers.get('content-disposition')", href);
        Assert.Equal("The 1v5 clutch： Demo？.mp4", System.Net.Http.Headers.ContentDispositionHeaderValue.Parse(disposition).FileNameStar);
        await Expect(other.Locator($"tr:has([data-vod-id='{clip.Id}'])").GetByTestId("clip-title-text")).ToHaveTextAsync(title);
        Assert.Equal(title, (await demo.App.Get<ClipLibrary>().PageAsync(highlight.AccountId, new ClipQuery(), 0, ClipLibrary.MaxPageSize, CancellationToken.None)).Items.Single(c => c.VodId == clip.Id).Title);

        await row.GetByRole(AriaRole.Button, new() { Name = $"Delete {title}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();

        await Expect(row).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("quota-bar")).ToHaveAttributeAsync("data-used-bytes", (usedBefore - 2_000_000).ToString());
        await Expect(other.Locator($"tr:has([data-vod-id='{clip.Id}'])")).ToHaveCountAsync(0);
        await Expect(other.GetByTestId("quota-bar")).ToHaveAttributeAsync("data-used-bytes", (usedBefore - 2_000_000).ToString());
        var ledger = await demo.App.Get<QuotaService>().CheckLedgerAsync(highlight.AccountId, CancellationToken.None);
        Assert.True(ledger.Balanced);
        Assert.False(await demo.App.Get<IVodStorage>().ExistsAsync(clip.StorageKey, CancellationToken.None));
        Assert.Null((await demo.HighlightAsync(highlight.Id)).ClipVodId);
    }

    [Fact]
    public async Task A_streams_clip_count_opens_that_streams_clips_and_the_search_finds_a_clip_by_its_name()
    {
        var highlight = await demo.AddHighlightAsync(start: 240, end: 254, _ => { });
        var clip = await StoreClipAsync(highlight, 1_000_000, "The ace nobody saw coming");
        var otherStream = await demo.AddStreamAsync("Another broadcast");
        Highlight otherHighlight;
        await using (var db = await EditorData.Db(demo.App.Services))
        {
            otherHighlight = Builders.Highlight(demo.Stream.AccountId, otherStream, 1, 30, 44);
            db.Highlights.Add(otherHighlight);
            await db.SaveChangesAsync();
        }

        var otherClip = await StoreClipAsync(otherHighlight, 1_000_000, "A clip of another broadcast");
        try
        {
            var page = await Browser.OpenAsync(_context, demo.StreamUrl);
            // The highlight's clip and the overview's count both lead to this stream's clips, not to every clip.
            await Expect(page.GetByTestId("stream-clips")).ToHaveAttributeAsync("href", $"/clips?stream={demo.Stream.Id}");
            await page.Locator($"[data-testid=clip-link][href='/clips?stream={demo.Stream.Id}#clip-{clip.Id}']").ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"^[a-z]+://[^/]+/clips\\?stream={demo.Stream.Id}(#.*)?$"));
            await Expect(page.GetByTestId("clip-stream-filter")).ToContainTextAsync(demo.Stream.Title);
            // The clip the link named is marked and in view.
            var focused = page.Locator($"tr:has([data-vod-id='{clip.Id}'])");
            await Expect(focused).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\brow-focused\b"));
            await Expect(focused).ToBeInViewportAsync();
            await Expect(page.Locator("tr.row-focused")).ToHaveCountAsync(1);
            await Expect(page.Locator($"tr:has([data-vod-id='{otherClip.Id}'])")).ToHaveCountAsync(0);
            await Browser.ScreenshotAsync(page, "clips-of-a-stream", fullPage: false);

            // All of the stream's clips in one download, each as its own download is named and byte for byte.
            var ofStream = (await demo.App.Get<ClipLibrary>().PageAsync(demo.Stream.AccountId, new ClipQuery(StreamId: demo.Stream.Id), 0, ClipLibrary.MaxPageSize, CancellationToken.None)).Items;
            await Expect(page.GetByTestId("download-zip")).ToHaveTextAsync($"Download all {ofStream.Count} (ZIP)");
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-zip").ClickAsync());
            Assert.Equal($"{demo.Stream.Title.Replace(':', '：')} – clips.zip", download.SuggestedFilename);
            Assert.Null(await download.FailureAsync());
            using var archive = new MemoryStream();
            await using (var saved = await download.CreateReadStreamAsync())
            {
                await saved.CopyToAsync(archive);
            }

            archive.Position = 0;
            using (var zip = new System.IO.Compression.ZipArchive(archive))
            {
                Assert.Equal(ofStream.Select(c => Format.FileName(c.Title, ".mp4")).Order(), zip.Entries.Select(e => e.FullName).Order());
                foreach (var entry in zip.Entries)
                {
                    var stored = ofStream.Single(c => Format.FileName(c.Title, ".mp4") == entry.FullName);
                    using var bytes = new MemoryStream();
                    await using (var read = await demo.App.Get<IVodStorage>().OpenReadAsync(stored.StorageKey, CancellationToken.None))
                    {
                        await read.CopyToAsync(bytes);
                    }

                    await using var inZip = entry.Open();
                    using var unzipped = new MemoryStream();
                    await inZip.CopyToAsync(unzipped);
                    Assert.Equal(bytes.ToArray(), unzipped.ToArray());
                }
            }

            using (var http = await HttpSignIn.SignedInClientAsync(demo.App.BaseUrl, TestUser.Demo))
            {
                using var unknown = await http.GetAsync("/clips/zip?stream=987654");
                Assert.Equal((System.Net.HttpStatusCode.NotFound, "Stream 987654 was not found."), (unknown.StatusCode, await unknown.Content.ReadAsStringAsync()));
                using var none = await http.GetAsync($"/clips/zip?stream={demo.Stream.Id}&q=nothing%20like%20it");
                Assert.Equal((System.Net.HttpStatusCode.NotFound, $"Stream '{demo.Stream.Title}' has no clips matching \"nothing like it\" to download."), (none.StatusCode, await none.Content.ReadAsStringAsync()));
                // A clip whose stored object is gone is left out rather than break the archive: here the stream's only one.
                await demo.App.Get<IVodStorage>().DeleteAsync(otherClip.StorageKey, CancellationToken.None);
                using var gone = await http.GetAsync($"/clips/zip?stream={otherStream}");
                Assert.Equal((System.Net.HttpStatusCode.NotFound, "Stream 'Another broadcast' has no clips to download."), (gone.StatusCode, await gone.Content.ReadAsStringAsync()));
            }

            await page.GetByTestId("all-clips").ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^[a-z]+://[^/]+/clips$"));
            await Expect(page.GetByTestId("clip-stream-filter")).ToHaveCountAsync(0);
            await Expect(page.Locator($"tr:has([data-vod-id='{otherClip.Id}'])")).ToHaveCountAsync(1);

            var search = page.GetByLabel("Search clips");
            await search.FillAsync("ACE NOBODY");
            await Expect(page.GetByTestId("clip-row")).ToHaveCountAsync(1);
            await Expect(page.Locator($"tr:has([data-vod-id='{clip.Id}'])")).ToHaveCountAsync(1);
            await search.FillAsync("another broadcast"); // the stream's title
            await Expect(page.GetByTestId("clip-row")).ToHaveCountAsync(1);
            await Expect(page.Locator($"tr:has([data-vod-id='{otherClip.Id}'])")).ToHaveCountAsync(1);
            await search.FillAsync("no clip is called this");
            await Expect(page.GetByTestId("clips-empty")).ToHaveTextAsync("No clip matches \"no clip is called this\".");
        }
        finally
        {
            await demo.App.Get<ClipLibrary>().DeleteAsync(demo.Stream.AccountId, clip.Id, "test", CancellationToken.None);
            await demo.App.Get<StreamManager>().DeleteAsync(demo.Stream.AccountId, otherStream, CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_streams_list_shows_status_and_counts()
    {
        var page = await Browser.OpenAsync(_context, new Uri(demo.App.BaseUrl, "/streams"));

        // Other tests of this app cut and delete clips: compare with what the database says now.
        var summary = (await demo.App.Get<StreamCatalog>().GetAsync(demo.Stream.AccountId, demo.Stream.Id, CancellationToken.None))!;
        var row = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = demo.Stream.Title }) });
        await Expect(row.GetByTestId("stream-status")).ToHaveTextAsync(summary.Status);
        await Expect(row.GetByTestId("highlight-count")).ToHaveTextAsync(summary.HighlightCount.ToString());
        await Expect(row.GetByTestId("clip-count")).ToHaveTextAsync(summary.ClipCount.ToString());
        Assert.True(summary.HighlightCount >= 3);
        await Expect(row.Locator("[data-input=video]")).ToHaveAttributeAsync("data-present", "true");
        await Browser.ScreenshotAsync(page, "streams-status");
    }
}
