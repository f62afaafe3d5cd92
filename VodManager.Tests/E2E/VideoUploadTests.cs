using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Playwright;
using VodManager.Core.Ingest;
using VodManager.Core.Ingest.Uploads;
using VodManager.Core.Library;
using VodManager.Core.Media;
using VodManager.Tests.Fixtures;
using VodManager.Tests.Streams;
using static Microsoft.Playwright.Assertions;

namespace VodManager.Tests.E2E;

/// <summary>
/// The import panel in Debian's Chromium against the real app, with 1 MiB chunks: a generated video uploaded with
/// progress, a connection that dies mid-upload and resumes (by the button, and after a reload), and the stored file
/// byte-identical every time.
/// </summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class VideoUploadTests(VideoUploadTests.App fixture) : IClassFixture<VideoUploadTests.App>, IAsyncLifetime
{
    private const string Uploads = "**/api/uploads/*";
    private static readonly TestPatternSpec Video = new(12, VideoBitrateKbps: 2000);
    private readonly ConcurrentQueue<long> _offsets = new();
    private IBrowserContext _context = default!;

    public async Task InitializeAsync() => _context = await Browser.NewSignedInContextAsync(fixture.Upload.App.BaseUrl, fixture.Upload.Editor);

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private async Task<(IPage Page, ILocator Panel)> OpenAsync(int streamId)
    {
        var page = await Browser.OpenAsync(_context, new Uri(fixture.Upload.App.BaseUrl, $"/streams/{streamId}"));
        page.Request += (_, request) =>
        {
            if (request.Method == "PATCH" && request.Headers.TryGetValue("upload-offset", out var offset))
            {
                _offsets.Enqueue(long.Parse(offset));
            }
        };
        var panel = page.GetByTestId("video-import");
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Choose file" })).ToBeEnabledAsync();
        return (page, panel);
    }

    /// <summary>Lets the first <paramref name="succeed"/> chunks through (slowly, so progress can be seen), then cuts every connection.</summary>
    private static Task CutAfterAsync(IPage page, int succeed)
    {
        var sent = 0;
        return page.RouteAsync(Uploads, async route =>
        {
            if (route.Request.Method != "PATCH")
            {
                await route.ContinueAsync();
            }
            else if (Interlocked.Increment(ref sent) > succeed)
            {
                await route.AbortAsync("connectionreset");
            }
            else
            {
                await Task.Delay(500);
                await route.ContinueAsync();
            }
        });
    }

    /// <summary>
    /// Starts uploading the test video to a new stream from its page; the first chunk goes through, the second waits
    /// for <c>Release</c>, so the upload is running (at "1 MB of") until the test lets it finish.
    /// </summary>
    private async Task<(Core.Data.Entities.LiveStream Stream, string Path, IPage Page, ILocator Panel, TaskCompletionSource Release)> StartHeldUploadAsync(string title)
    {
        var stream = await fixture.Upload.AddStreamAsync(title);
        var path = await TestMedia.GetAsync(Video);
        var (page, panel) = await OpenAsync(stream.Id);
        var release = new TaskCompletionSource();
        var sent = 0;
        await page.RouteAsync(Uploads, async route =>
        {
            if (route.Request.Method == "PATCH" && Interlocked.Increment(ref sent) > 1)
            {
                await release.Task;
            }

            await route.ContinueAsync();
        });
        await page.GetByTestId("video-file").SetInputFilesAsync(path);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("upload-status")).ToContainTextAsync("1 MB of", new() { Timeout = 15_000 });
        return (stream, path, page, panel, release);
    }

    private static Task ShotAsync(ILocator panel, string name) =>
        panel.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Browser.ScreenshotFolder, name + ".png") });

    [Fact]
    public async Task An_upload_shows_progress_survives_a_dead_connection_and_resumes_to_a_byte_identical_source()
    {
        var stream = await fixture.Upload.AddStreamAsync("Upload with a dropped connection");
        // Its chat (hours of the real log) is in before the short video: the upload's message says how much lies past
        // it, and the raids the chat announced after the video's end do not stretch the page.
        await fixture.Upload.App.Get<IngestService>().ImportAsync(stream.AccountId, stream.Id, IngestKind.Chat, RealChat.Small, null, CancellationToken.None);
        var path = await TestMedia.GetAsync(Video);
        var (page, panel) = await OpenAsync(stream.Id);
        await CutAfterAsync(page, succeed: 2);

        await page.GetByTestId("video-file").SetInputFilesAsync(path);
        await Expect(page.GetByTestId("chosen-file")).ToContainTextAsync(Path.GetFileName(path));
        await panel.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();

        var size = VodManager.Core.ByteSize.Format(new FileInfo(path).Length);
        await Expect(page.GetByTestId("upload-status")).ToContainTextAsync($"1 MB of {size}", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("upload-progress")).ToHaveAttributeAsync("data-percent", new System.Text.RegularExpressions.Regex("^[1-9][0-9]?$"));
        await ShotAsync(panel, "video-import-progress");
        await Expect(page.GetByTestId("upload-status")).ToContainTextAsync("connection lost; trying again", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("upload-error")).ToContainTextAsync("The connection was lost after 2 MB of 2.9 MB", new() { Timeout = 30_000 });
        await ShotAsync(panel, "video-import-interrupted");

        await page.UnrouteAsync(Uploads);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Resume upload" }).ClickAsync();

        await Expect(panel.GetByTestId("upload-done")).ToContainTextAsync("as the stream's source", new() { Timeout = 30_000 });
        await Expect(panel.GetByTestId("upload-done")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(
            @"source; [\d,]+ chat lines come after the video ends at \d+:\d\d\.\d: detection and clips leave them out \(is it this stream's video\?\)\.$"));
        await Expect(panel.GetByTestId("video-kind")).ToHaveTextAsync("source");
        await Expect(page.GetByTestId("source-video")).ToBeAttachedAsync();
        await ShotAsync(panel, "video-import-done");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page is wider than the window");
        await Browser.ScreenshotAsync(page, "video-import-page");
        Assert.Equal(1, _offsets.Count(o => o == 0)); // resumed at 2 MiB, never started over
        Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(path)), await fixture.Upload.StoredSourceSha256Async(stream.Id));

        // Opened again with its source stored, the page is for reviewing: the ways in are folded behind one button,
        // the stored video still listed.
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("[data-testid=circuit-ready]", new() { State = WaitForSelectorState.Attached });
        await Expect(panel.GetByTestId("import-another")).ToBeVisibleAsync();
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Video", Exact = true })).ToBeVisibleAsync();
        await Expect(panel.GetByTestId("tab-upload")).ToHaveCountAsync(0);
        await Expect(panel.GetByTestId("video-kind")).ToHaveTextAsync("source");
        await ShotAsync(panel, "video-import-folded");
        await panel.GetByTestId("import-another").ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Choose file" })).ToBeEnabledAsync();
        await Expect(panel.GetByTestId("import-another")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task After_a_reload_picking_the_same_file_continues_where_the_server_stopped()
    {
        var stream = await fixture.Upload.AddStreamAsync("Upload resumed after a reload");
        var path = await TestMedia.GetAsync(Video);
        var (page, panel) = await OpenAsync(stream.Id);
        await CutAfterAsync(page, succeed: 1);
        await page.GetByTestId("video-file").SetInputFilesAsync(path);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("upload-error")).ToContainTextAsync("The connection was lost after 1 MB of 2.9 MB", new() { Timeout = 30_000 });

        await page.UnrouteAsync(Uploads);
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("[data-testid=circuit-ready]", new() { State = WaitForSelectorState.Attached });
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Choose file" })).ToBeEnabledAsync();
        _offsets.Clear();
        await page.GetByTestId("video-file").SetInputFilesAsync(path);

        await Expect(page.GetByTestId("resume-note")).ToContainTextAsync("stopped at 1 MB");
        await ShotAsync(panel, "video-import-resume-after-reload");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();

        await Expect(panel.GetByTestId("video-kind")).ToHaveTextAsync("source", new() { Timeout = 30_000 });
        Assert.Equal(1048576, _offsets.First());
        Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(path)), await fixture.Upload.StoredSourceSha256Async(stream.Id));
    }

    [Fact]
    public async Task An_upload_goes_on_while_the_editor_opens_another_page_and_the_streams_page_follows_it_again()
    {
        // The second chunk waits until the editor is back, so the upload is still running then.
        var (stream, path, page, panel, back) = await StartHeldUploadAsync("Upload left running");

        // The clips page (in the app: the document and the file stay), then back to the stream.
        await page.GetByRole(AriaRole.Link, new() { Name = "Clips" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^[a-z]+://[^/]+/clips$"));
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync($"'{Path.GetFileName(path)}' keeps uploading while this tab stays open");
        await page.GoBackAsync();
        await Expect(page.GetByTestId("chosen-file")).ToContainTextAsync(Path.GetFileName(path));
        await Expect(page.GetByTestId("upload-status")).ToContainTextAsync($"1 MB of {VodManager.Core.ByteSize.Format(new FileInfo(path).Length)}");
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Cancel upload" })).ToBeVisibleAsync();
        // Closing or reloading the tab would stop it: the browser is told to ask first.
        const string leaving = "() => { const e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented; }";
        Assert.True(await page.EvaluateAsync<bool>(leaving));
        back.SetResult();

        await Expect(panel.GetByTestId("video-kind")).ToHaveTextAsync("source", new() { Timeout = 30_000 });
        await Expect(panel.GetByTestId("upload-done")).ToContainTextAsync($"Stored '{Path.GetFileName(path)}' as the stream's source");
        Assert.False(await page.EvaluateAsync<bool>(leaving));
        Assert.Equal(1, _offsets.Count(o => o == 0)); // one upload from start to end, never begun again
        Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(path)), await fixture.Upload.StoredSourceSha256Async(stream.Id));
        await Expect(panel.GetByTestId("unfinished-uploads")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_streams_list_shows_an_upload_running_in_the_tab_on_its_streams_row_until_the_video_is_stored()
    {
        var (stream, path, page, _, release) = await StartHeldUploadAsync("Upload seen from the list");
        var name = Path.GetFileName(path);

        // The breadcrumb's link to the list: a navigation inside the app, so the document and the file stay.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" }).GetByRole(AriaRole.Link, new() { Name = "Streams" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^[a-z]+://[^/]+/streams$"));
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = stream.Title, Exact = true }) });
        var upload = row.GetByTestId("stream-upload");
        await Expect(upload).ToHaveTextAsync($"Uploading '{name}': 1 MB of {VodManager.Core.ByteSize.Format(new FileInfo(path).Length)}");
        await Expect(upload.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("aria-valuenow", new System.Text.RegularExpressions.Regex("^[1-9][0-9]?(\\.[0-9]+)?$"));
        // Only the stream whose video goes up shows one.
        await Expect(page.GetByTestId("stream-upload")).ToHaveCountAsync(1);
        await Expect(row.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("–");
        await Browser.ScreenshotAsync(page, "streams-upload-running");

        release.SetResult();
        // The video is stored: the line goes and the row reads the stream's new length.
        await Expect(upload).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Expect(row.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("0:12", new() { Timeout = 30_000 });
        Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(path)), await fixture.Upload.StoredSourceSha256Async(stream.Id));
    }

    [Fact]
    public async Task An_upload_sent_from_another_browser_moves_live_on_the_streams_list_and_the_streams_page_and_shows_as_stopped_when_it_stops()
    {
        var stream = await fixture.Upload.AddStreamAsync("Upload sent from another browser");
        var path = await TestMedia.GetAsync(Video);
        var file = await File.ReadAllBytesAsync(path);
        var size = VodManager.Core.ByteSize.Format(file.Length);
        const string name = "from the laptop.mp4";
        var started = await StartedElsewhereAsync(stream, name, file, chunks: 1);
        Task SendAsync(long offset) => SendElsewhereAsync(stream, started.Id, file, offset);

        var list = await Browser.OpenAsync(_context, new Uri(fixture.Upload.App.BaseUrl, "/streams"));
        var row = list.GetByRole(AriaRole.Row).Filter(new() { Has = list.GetByRole(AriaRole.Link, new() { Name = stream.Title, Exact = true }) });
        var line = row.GetByTestId("stream-upload");
        var (page, panel) = await OpenAsync(stream.Id);
        var unfinished = panel.GetByTestId("unfinished-uploads").Locator($"[data-upload-id='{started.Id}']").GetByTestId("unfinished-upload-status");
        await Expect(unfinished).ToContainTextAsync($"1 MB of {size} sent");
        await Expect(unfinished).ToContainTextAsync("; choosing the same file continues it.", new() { Timeout = 15_000 });
        // Its first piece came more than Import:UploadIdleAfter (5 s here) ago by now, or will soon: stopped, with how to go on.
        await Expect(line).ToContainTextAsync($"Upload of '{name}' stopped at 1 MB of {size}, the last piece at ", new() { Timeout = 15_000 });
        await Expect(line).ToContainTextAsync("; choosing the same file on the stream's page continues it");

        // The other browser sends its next piece: both pages move on without a reload, and the list says it is going up.
        await SendAsync(UploadApp.ChunkBytes);
        await Expect(line).ToHaveTextAsync($"Uploading '{name}' from another tab or browser: 2 MB of {size}");
        await Expect(line.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("aria-valuenow", new System.Text.RegularExpressions.Regex("^[1-9][0-9](\\.[0-9]+)?$"));
        await Expect(unfinished).ToContainTextAsync($"2 MB of {size} sent, the last at ");
        await Expect(unfinished).ToContainTextAsync("; another tab or browser is sending it.");
        await Browser.ScreenshotAsync(list, "streams-upload-elsewhere");
        await ShotAsync(panel, "video-import-sent-elsewhere");
        // Then nothing more comes: after Import:UploadIdleAfter the row says it stopped, without a reload.
        await Expect(line).ToContainTextAsync($"Upload of '{name}' stopped at 2 MB of {size}", new() { Timeout = 15_000 });
        await Expect(unfinished).ToContainTextAsync($"2 MB of {size} sent, the last at ");
        await Expect(unfinished).ToContainTextAsync("; choosing the same file continues it.");
        await Browser.ScreenshotAsync(list, "streams-upload-stopped-elsewhere");

        // The rest arrives: the line goes, the row reads the stored video's length, and the stream's page lists it.
        for (long offset = 2 * UploadApp.ChunkBytes; offset < file.Length; offset += UploadApp.ChunkBytes)
        {
            await SendAsync(offset);
        }

        await Expect(line).ToHaveCountAsync(0);
        await Expect(row.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("0:12", new() { Timeout = 30_000 });
        await Expect(panel.GetByTestId("unfinished-uploads")).ToHaveCountAsync(0);
        await Expect(panel.GetByTestId("video-kind")).ToHaveTextAsync("source", new() { Timeout = 30_000 });
        Assert.Equal(SHA256.HashData(file), await fixture.Upload.StoredSourceSha256Async(stream.Id));
        await page.CloseAsync();
        await list.CloseAsync();
    }

    [Fact]
    public async Task An_upload_stopped_on_another_computer_is_listed_with_the_space_it_holds_and_discarding_it_returns_that_space()
    {
        var stream = await fixture.Upload.AddStreamAsync("Upload stopped elsewhere");
        var path = await TestMedia.GetAsync(Video);
        var file = await File.ReadAllBytesAsync(path);
        var uploads = fixture.Upload.App.Get<VideoUploadService>();
        var usedBefore = (await UsageAsync(stream.AccountId)).UsedBytes;
        var keysBefore = await Leftovers.StoredKeysAsync(fixture.Upload.App.Services, stream.AccountId);
        var started = await StartedElsewhereAsync(stream, "stream recording.mp4", file, chunks: 1);
        Assert.Equal(usedBefore + file.Length, (await UsageAsync(stream.AccountId)).UsedBytes);
        var size = VodManager.Core.ByteSize.Format(file.Length);
        // The account's storage bar says what of its use the stopped upload holds.
        var clips = await Browser.OpenAsync(_context, new Uri(fixture.Upload.App.BaseUrl, "/clips"));
        await Expect(clips.GetByTestId("quota-text")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@" of 1 GB · \d+ VODs?$"));
        await Expect(clips.GetByTestId("quota-unfinished")).ToHaveTextAsync($"{size} of it held by an unfinished upload (its stream's page continues or discards it)");
        await ShotAsync(clips.GetByTestId("quota-bar"), "quota-unfinished-upload");

        var (page, panel) = await OpenAsync(stream.Id);
        var listed = panel.GetByTestId("unfinished-uploads").Locator($"[data-upload-id='{started.Id}']");
        await Expect(listed).ToContainTextAsync("stream recording.mp4");
        await Expect(listed.GetByTestId("unfinished-upload-status")).ToContainTextAsync($"1 MB of {size} sent, the last at {Browser.Local(DateTime.UtcNow):yyyy-MM-dd}");
        await Expect(listed.GetByTestId("unfinished-upload-status")).ToContainTextAsync("; choosing the same file continues it.");
        await Expect(listed.GetByTestId("unfinished-upload-status")).ToContainTextAsync($"Its {size} stay reserved on the account until {Browser.Local(DateTime.UtcNow.AddDays(1)):yyyy-MM-dd}");
        await ShotAsync(panel, "video-import-unfinished");

        await listed.GetByRole(AriaRole.Button, new() { Name = "Discard the upload of stream recording.mp4" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog);
        await Expect(confirm).ToContainTextAsync($"The 1 MB of \"stream recording.mp4\" sent so far are dropped, and the {size} reserved for it return to the account.");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Discard" }).ClickAsync();

        await Expect(panel.GetByTestId("unfinished-uploads")).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Discarded the upload of \"stream recording.mp4\"");
        // The clips page left open gives the space back on its bar at once.
        await Expect(clips.GetByTestId("quota-unfinished")).ToHaveCountAsync(0);
        await Expect(clips.GetByTestId("quota-bar")).ToHaveAttributeAsync("data-used-bytes", usedBefore.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await clips.CloseAsync();
        var usage = await UsageAsync(stream.AccountId);
        Assert.Equal((usedBefore, 0, 0L), (usage.UsedBytes, usage.UnfinishedUploads, usage.UnfinishedUploadBytes));
        Assert.Empty(await uploads.ListUnfinishedAsync(stream.AccountId, stream.Id, CancellationToken.None));
        Assert.Equal(keysBefore, await Leftovers.StoredKeysAsync(fixture.Upload.App.Services, stream.AccountId));
    }

    [Fact]
    public async Task The_same_file_picked_on_another_computer_continues_its_unfinished_upload()
    {
        var stream = await fixture.Upload.AddStreamAsync("Upload continued elsewhere");
        var path = await TestMedia.GetAsync(Video);
        var file = await File.ReadAllBytesAsync(path);
        var uploads = fixture.Upload.App.Get<VideoUploadService>();
        var started = await StartedElsewhereAsync(stream, Path.GetFileName(path), file, chunks: 2);

        var (page, panel) = await OpenAsync(stream.Id);
        await Expect(panel.GetByTestId("unfinished-uploads").Locator($"[data-upload-id='{started.Id}']")).ToBeVisibleAsync();
        await page.GetByTestId("video-file").SetInputFilesAsync(path);
        await Expect(page.GetByTestId("resume-note")).ToContainTextAsync("stopped at 2 MB");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();

        await Expect(panel.GetByTestId("video-kind")).ToHaveTextAsync("source", new() { Timeout = 30_000 });
        Assert.Equal(2L * UploadApp.ChunkBytes, _offsets.First()); // continued, not begun again
        Assert.Equal(SHA256.HashData(file), await fixture.Upload.StoredSourceSha256Async(stream.Id));
        Assert.Empty(await uploads.ListUnfinishedAsync(stream.AccountId, stream.Id, CancellationToken.None));
        await Expect(panel.GetByTestId("unfinished-uploads")).ToHaveCountAsync(0);
    }

    /// <summary>An upload another computer started and sent the first <paramref name="chunks"/> chunks of: this browser has no note of it.</summary>
    private async Task<UploadState> StartedElsewhereAsync(Core.Data.Entities.LiveStream stream, string name, byte[] file, int chunks)
    {
        var uploads = fixture.Upload.App.Get<VideoUploadService>();
        var started = await uploads.StartAsync(stream.AccountId, stream.Id, new UploadRequest(name, file.Length, ImportedVideoKind.Archive), CancellationToken.None);
        for (var offset = 0; offset < chunks * UploadApp.ChunkBytes; offset += UploadApp.ChunkBytes)
        {
            await SendElsewhereAsync(stream, started.Id, file, offset);
        }

        return started;
    }

    /// <summary>The piece of <paramref name="file"/> at <paramref name="offset"/>, sent as that other computer's browser sends it.</summary>
    private Task<UploadState> SendElsewhereAsync(Core.Data.Entities.LiveStream stream, Guid uploadId, byte[] file, long offset)
    {
        var length = (int)Math.Min(UploadApp.ChunkBytes, file.Length - offset);
        return fixture.Upload.App.Get<VideoUploadService>().AppendAsync(stream.AccountId, uploadId, offset, new MemoryStream(file, (int)offset, length), length, CancellationToken.None);
    }

    private Task<QuotaUsage> UsageAsync(int accountId) => fixture.Upload.App.Get<ClipLibrary>().GetUsageAsync(accountId, CancellationToken.None);

    [Fact]
    public async Task Server_files_and_urls_import_through_jobs_and_refusals_name_the_rule()
    {
        var stream = await fixture.Upload.AddStreamAsync("Imports by path and URL");
        var root = Directory.CreateDirectory(Path.Combine(fixture.Upload.App.DataFolder, "imports")).FullName;
        var file = Path.Combine(root, "platform clip.mp4");
        File.Copy(await TestMedia.GetAsync(), file, overwrite: true);
        var (page, panel) = await OpenAsync(stream.Id);
        await panel.GetByText("Platform highlight").ClickAsync();
        await panel.GetByRole(AriaRole.Tab, new() { Name = "Server file" }).ClickAsync();

        await panel.GetByLabel("Path on the server").FillAsync($"{root}/../imports/platform clip.mp4");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Import file" }).ClickAsync();
        await Expect(panel.GetByTestId("import-error")).ToContainTextAsync("must not contain '..'");
        await ShotAsync(panel, "video-import-path-refused");

        await panel.GetByLabel("Path on the server").FillAsync(file);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Import file" }).ClickAsync();
        await Expect(panel.GetByTestId("video-kind")).ToHaveTextAsync("platform highlight", new() { Timeout = 30_000 });

        await panel.GetByRole(AriaRole.Tab, new() { Name = "URL" }).ClickAsync();
        await panel.GetByLabel("Video URL (http or https)").FillAsync($"{fixture.Upload.App.BaseUrl}media/secret.mp4");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync();
        await Expect(panel.GetByTestId("import-error")).ToContainTextAsync("is not allowed", new() { Timeout = 30_000 });
        await ShotAsync(panel, "video-import-url-refused");
    }

    public sealed class App : IAsyncLifetime
    {
        public UploadApp Upload { get; private set; } = default!;

        // Short, so a test sees an upload sent elsewhere go from sending to stopped.
        public async Task InitializeAsync() => Upload = await UploadApp.StartAsync(new Dictionary<string, string?> { ["Import:UploadIdleAfter"] = "00:00:05" });

        public async Task DisposeAsync() => await Upload.DisposeAsync();
    }
}
