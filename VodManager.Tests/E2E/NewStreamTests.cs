using System.Globalization;
using System.Text.RegularExpressions;
using FFMpegCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using VodManager.Core.Accounts;
using VodManager.Core.Data.Entities;
using VodManager.Core.Library;
using VodManager.Core.Refinement;
using VodManager.Tests.Fixtures;
using VodManager.Tests.Streams;
using static Microsoft.Playwright.Assertions;

namespace VodManager.Tests.E2E;

/// <summary>
/// A new user's first stream, in Debian's Chromium against the real app: sign up, drop the real chat log with a
/// generated video (MPEG-TS, as streamlink saves a VOD) and an events file, confirm what the chat says, follow the imports and detection live, cut a clip,
/// rename the stream and delete it again, leaving nothing in storage or the database.
/// </summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class NewStreamTests : IAsyncLifetime
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(2);
    private readonly TempFolder _files = new("new-stream");
    private RunningApp _app = default!;

    // The test file server that URL imports download from listens on loopback.
    public async Task InitializeAsync() => _app = await RunningApp.StartAsync(new Dictionary<string, string?> { ["Import:AllowPrivateAddresses"] = "true" });

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _files.Dispose();
    }

    [Fact]
    public async Task A_new_user_makes_a_stream_from_the_real_chat_and_a_video_clips_renames_and_deletes_it_without_a_trace()
    {
        var facts = RealChat.Of(RealChat.Small);
        // The VOD as streamlink saves it: MPEG-TS, its clock starting seconds in.
        var video = Path.Combine(_files.Path, "my broadcast.ts");
        await TestMedia.Runner().RunAsync(
            FFMpegArguments.FromFileInput(await TestMedia.GetAsync(), true).OutputToFile(video, true, o => o.WithCustomArgument("-map 0 -c copy -output_ts_offset 10 -f mpegts")),
            video, null, null, CancellationToken.None);
        var events = _files.File("events.jsonl");
        await File.WriteAllTextAsync(events, "{\"type\":\"channel.raid\",\"offset_seconds\":8,\"event\":{\"from_broadcaster_user_name\":\"friendly_streamer\",\"viewers\":250}}\n");
        var email = $"first-{Guid.NewGuid():N}@example.test";
        await using var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(_app.BaseUrl, "/account/signup").ToString());
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("a long enough passphrase");
        await page.GetByLabel("Channel or team name").FillAsync("LiiHS clips");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/streams");
        await page.WaitForSelectorAsync("[data-testid=circuit-ready]", new() { State = WaitForSelectorState.Attached });
        var empty = page.GetByTestId("streams-empty");
        await Expect(empty).ToContainTextAsync("No streams yet");
        await Browser.ScreenshotAsync(page, "streams-empty");

        await empty.GetByRole(AriaRole.Button, new() { Name = "New stream" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByTestId("new-stream-zone")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(dialog.GetByLabel("Channel")).ToHaveValueAsync(""); // no stream yet to take it from
        await dialog.Locator("input[type=file]").SetInputFilesAsync([RealChat.Small, video, events]);
        // The chat is uploaded and read whole before its metadata shows.
        await Expect(dialog.GetByLabel("Title")).ToHaveValueAsync($"VOD {facts.VodId}", new() { Timeout = 30_000 });
        await Expect(dialog.GetByLabel("Channel")).ToHaveValueAsync(facts.Broadcaster);
        await Expect(dialog.GetByLabel($"Started ({Browser.TimeZoneId})")).ToHaveValueAsync(Browser.Local(facts.StartedAt).ToString("yyyy-MM-ddTHH:mm"));
        await Expect(dialog.GetByTestId("metadata-source")).ToContainTextAsync(Path.GetFileName(RealChat.Small));
        await Expect(dialog.GetByTestId("chosen-files").Locator("[data-kind]")).ToHaveCountAsync(3);
        await Browser.ScreenshotAsync(page, "new-stream-dialog");

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create stream" }).ClickAsync();
        await Expect(dialog.GetByTestId("new-stream-created")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(dialog.GetByTestId("upload-done")).ToContainTextAsync("my broadcast.ts", new() { Timeout = (float)JobTimeout.TotalMilliseconds });
        var detection = dialog.GetByTestId("job-row").Filter(new() { HasText = "Detect highlights" }).First;
        await Expect(detection).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = (float)JobTimeout.TotalMilliseconds });
        // Each job names the file the editor picked, not the server's copy of it.
        foreach (var title in new[] { $"Import chat {Path.GetFileName(RealChat.Small)}", "Import events events.jsonl" })
        {
            await Expect(dialog.GetByTestId("job-row").Filter(new() { HasText = title })).ToHaveAttributeAsync("data-status", "Succeeded");
        }

        await Browser.ScreenshotAsync(page, "new-stream-imported");
        await dialog.Locator(".mud-dialog-actions").GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("stream-link")).ToHaveTextAsync($"VOD {facts.VodId}");
        await Expect(page.GetByTestId("stream-status")).ToHaveTextAsync("detected");
        await Browser.ScreenshotAsync(page, "streams-filled");

        // The next stream is most likely of the same channel: a video alone does not name it, so the form offers it.
        await page.GetByRole(AriaRole.Button, new() { Name = "New stream" }).ClickAsync();
        await Expect(dialog.GetByLabel("Channel")).ToHaveValueAsync(facts.Broadcaster);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        await page.GetByTestId("stream-link").ClickAsync();
        // The page comes over the circuit, which on a loaded machine is also carrying the list's live job updates.
        await Expect(page.GetByTestId("stream-title")).ToHaveTextAsync($"VOD {facts.VodId}", new() { Timeout = 30_000 });
        // The real chat runs for hours past the 20 s video: the overview says so (detection and clips stop at its end).
        await Expect(page.GetByTestId("chat-after-source")).ToContainTextAsync("after the video ends");
        await page.GetByTestId("overview").ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotFolder, "overview-chat-after-video.png") });

        // The MPEG-TS was stored as MP4, which the browser plays; whichever of chat and video landed last, the
        // highlights the page ends with were detected within the video.
        var player = page.GetByTestId("source-video");
        await page.WaitForFunctionAsync(
            "() => { const v = document.querySelector('[data-testid=source-video]'); return v && (v.error || (v.readyState >= 1 && isFinite(v.duration))); }",
            null, new() { Timeout = 30_000 });
        Assert.Null(await player.EvaluateAsync<int?>("v => v.error && v.error.code"));
        Assert.InRange(await player.EvaluateAsync<double>("v => v.duration"), 19.5, 20.5);
        var busyJobs = page.Locator("main [data-testid=job-row][data-status=Queued], main [data-testid=job-row][data-status=Running]");
        await Expect(busyJobs)
            .ToHaveCountAsync(0, new() { Timeout = (float)JobTimeout.TotalMilliseconds });
        await using (var data = await EditorData.Db(_app.Services))
        {
            var streamId = await data.Streams.Where(s => s.Title == $"VOD {facts.VodId}").Select(s => s.Id).SingleAsync();
            var ends = await data.Highlights.Where(h => h.StreamId == streamId).Select(h => h.DetectedEnd).ToListAsync();
            Assert.NotEmpty(ends);
            Assert.All(ends, end => Assert.True(end <= 20.5, $"a highlight ends at {end} s, past the 20 s video"));
        }

        // Detection starts the automatic refinement; its end redraws every row, and a click landing in that redraw is
        // lost (seen in a full run), so the cut waits for it.
        var refinement = page.Locator("main [data-testid=job-row]").Filter(new() { HasText = "Refine the highlights" }).First;
        await Expect(refinement).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = (float)JobTimeout.TotalMilliseconds });
        await using (var data = await EditorData.Db(_app.Services))
        {
            // The small chat is in and detected before the browser has sent any of the video: the refinement waits for
            // the video (refined without it, each moment would be refined again once it is stored).
            var streamId = await data.Streams.Where(s => s.Title == $"VOD {facts.VodId}").Select(s => s.Id).SingleAsync();
            var stored = await data.Vods.Where(v => v.StreamId == streamId && v.Type == VodType.Archive).Select(v => v.StoredAt).SingleAsync();
            var firstRefine = await data.Jobs.Where(j => j.StreamId == streamId && j.Kind == RefineRequest.JobKind).MinAsync(j => j.CreatedAt);
            Assert.True(firstRefine >= stored, $"refined at {firstRefine:O}, before the video was stored at {stored:O}");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Cut highlight #1", Exact = true }).ClickAsync();
        var cut = page.Locator("main [data-testid=job-row]").Filter(new() { HasText = "Cut" }).First;
        await Expect(cut).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = (float)JobTimeout.TotalMilliseconds });

        await page.GetByTestId("edit-stream").ClickAsync();
        var edit = page.GetByRole(AriaRole.Dialog);
        await edit.GetByLabel("Title").FillAsync("Battlegrounds night, renamed");
        // The start is typed on the editor's own clock (the browser is in Los Angeles, the server in UTC).
        await edit.GetByLabel($"Started ({Browser.TimeZoneId})").FillAsync("2026-11-30T18:00");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByTestId("stream-title")).ToHaveTextAsync("Battlegrounds night, renamed");
        await Expect(page.GetByText("2026-11-30 18:00")).ToBeVisibleAsync();
        await using (var data = await EditorData.Db(_app.Services))
        {
            var started = await data.Streams.Where(s => s.Title == "Battlegrounds night, renamed").Select(s => s.StartedAt).SingleAsync();
            Assert.Equal(new DateTime(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc), DateTime.SpecifyKind(started, DateTimeKind.Utc));
        }

        var accountId = await AccountOfAsync(email);
        var used = await UsedBytesAsync(accountId);
        await using (var data = await EditorData.Db(_app.Services))
        {
            var source = await data.Vods.SingleAsync(v => v.AccountId == accountId && v.Type == VodType.Archive);
            Assert.EndsWith(".mp4", source.StorageKey);
            Assert.True(used > source.SizeBytes, $"the source and a clip are charged: {used} bytes");
        }
        // A stream with a job queued or running is not deleted (the page says so): whatever the cut set going ends first.
        await Expect(busyJobs)
            .ToHaveCountAsync(0, new() { Timeout = (float)JobTimeout.TotalMilliseconds });
        await page.GetByTestId("delete-stream").ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog);
        await Expect(confirm).ToContainTextAsync($"\"Battlegrounds night, renamed\" goes for good, with 1 video, 1 clip, {facts.Comments} chat messages");
        await Expect(confirm).ToContainTextAsync(new Regex(@"[\d.]+ [kM]B of space returns to the account"));
        // The viewport only: the stream page is tall, and the confirmation sits in its middle.
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotFolder, "delete-stream-confirm.png") });
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Delete stream" }).ClickAsync();

        try
        {
            // Deleting removes the stored video and clip and every row of the stream first: slow on a loaded machine.
            // The page goes back within the document (no load event): the URL itself is watched, not a navigation
            // event, which a full run once missed with the page already on the list.
            await Expect(page).ToHaveURLAsync(new Regex("^[a-z]+://[^/]+/streams$"), new() { Timeout = (float)JobTimeout.TotalMilliseconds });
        }
        catch (PlaywrightException e)
        {
            throw new TimeoutException($"The page stayed at {page.Url}; it says: {string.Join(" | ", await page.Locator(".mud-snackbar").AllInnerTextsAsync())}", e);
        }

        await Expect(page.GetByTestId("streams-empty")).ToBeVisibleAsync();
        await Leftovers.AssertNoneAsync(_app.Services, accountId);
        await using var db = await EditorData.Db(_app.Services);
        Assert.False(await db.Streams.AnyAsync(s => s.AccountId == accountId));
        Assert.Equal(0, await db.ChatMessages.CountAsync());
        Assert.Equal(0, await db.Highlights.CountAsync(h => h.AccountId == accountId));
        Assert.Equal(0, await db.Jobs.CountAsync(j => j.AccountId == accountId && j.StreamId != null));
    }

    [Fact]
    public async Task A_chat_downloader_file_fills_the_form_with_the_picked_name_the_channel_and_the_start()
    {
        var facts = RealChat.Of(RealChat.Small);
        var chat = _files.File("liihs battlegrounds.json");
        RealChat.WriteAsChatDownloader(RealChat.Small, chat);
        await using var context = await NewEditorContextAsync("chat-downloader user");
        var (page, dialog) = await PickInNewStreamAsync(context, chat);

        // The file names no broadcast: the title is the name the editor picked, not the server copy's.
        await Expect(dialog.GetByLabel("Title")).ToHaveValueAsync("liihs battlegrounds", new() { Timeout = 30_000 });
        await Expect(dialog.GetByLabel("Channel")).ToHaveValueAsync(facts.Broadcaster);
        await Expect(dialog.GetByLabel($"Started ({Browser.TimeZoneId})")).ToHaveValueAsync(Browser.Local(facts.StartedAt).ToString("yyyy-MM-ddTHH:mm"));
        await Expect(dialog.GetByTestId("metadata-source")).ToContainTextAsync("liihs battlegrounds.json");
        await Browser.ScreenshotAsync(page, "new-stream-chat-downloader");

        // On a phone the length goes under the start; side by side it ran out of the dialog.
        await page.SetViewportSizeAsync(390, 800);
        var outside = await dialog.EvaluateAsync<string[]>(
            "d => { const r = d.getBoundingClientRect(); return [...d.querySelectorAll('*')].filter(e => { const b = e.getBoundingClientRect(); return b.width > 0 && b.right > r.right + 0.5; }).map(e => e.outerHTML.slice(0, 80)); }");
        Assert.Empty(outside);
        await Browser.ScreenshotAsync(page, "new-stream-390", fullPage: false);
    }

    [Fact]
    public async Task A_yt_dlp_youtube_chat_fills_the_form_with_its_title_the_owner_as_channel_and_the_start()
    {
        var facts = RealChat.Of(RealChat.Small);
        var chat = _files.File("Friday stream [dQw4w9WgXcQ].live_chat.json");
        RealChat.WriteAsYtDlp(RealChat.Small, chat);
        await using var context = await NewEditorContextAsync("yt-dlp user");
        var (page, dialog) = await PickInNewStreamAsync(context, chat);

        // yt-dlp names the file "<title> [<video id>].live_chat.json": the title is the video's.
        await Expect(dialog.GetByLabel("Title")).ToHaveValueAsync("Friday stream", new() { Timeout = 30_000 });
        await Expect(dialog.GetByLabel("Channel")).ToHaveValueAsync(facts.Broadcaster);
        await Expect(dialog.GetByLabel($"Started ({Browser.TimeZoneId})")).ToHaveValueAsync(Browser.Local(facts.StartedAt).ToString("yyyy-MM-ddTHH:mm"));
        await Browser.ScreenshotAsync(page, "new-stream-yt-dlp");
    }

    [Fact]
    public async Task A_chatterino_log_fills_the_form_with_the_channel_from_its_name_and_the_start_in_utc()
    {
        var facts = RealChat.Of(RealChat.Small);
        var first = (await Ingest.Parsers.ChatAsync(RealChat.Small))[0].OffsetSeconds;
        var chat = _files.File("liihs-2021-03-25.log");
        RealChat.WriteAsChatterino(RealChat.Small, chat, "PDT", TimeSpan.FromHours(-7));
        await using var context = await NewEditorContextAsync("Chatterino user");
        var (page, dialog) = await PickInNewStreamAsync(context, chat);

        // Chatterino names the file by channel and date; its clock was Pacific time, the form shows UTC.
        await Expect(dialog.GetByLabel("Title")).ToHaveValueAsync("liihs-2021-03-25", new() { Timeout = 30_000 });
        await Expect(dialog.GetByLabel("Channel")).ToHaveValueAsync("liihs");
        await Expect(dialog.GetByLabel($"Started ({Browser.TimeZoneId})")).ToHaveValueAsync(Browser.Local(facts.StartedAt.AddSeconds(first)).ToString("yyyy-MM-ddTHH:mm"));
        await Browser.ScreenshotAsync(page, "new-stream-chatterino");
    }

    [Fact]
    public async Task A_live_capture_makes_a_stream_that_starts_at_its_first_message_to_the_second()
    {
        var chat = _files.File("liihs live.json");
        RealChat.WriteAsChatDownloader(RealChat.Small, chat, live: true);
        var offsets = (await Ingest.Parsers.ChatAsync(RealChat.Small)).Select(r => r.OffsetSeconds).ToList();
        var first = RealChat.Of(RealChat.Small).StartedAt.AddSeconds(offsets[0]);
        await using var context = await NewEditorContextAsync("Live capture user");
        var (page, dialog) = await PickInNewStreamAsync(context, chat);
        await Expect(dialog.GetByLabel($"Started ({Browser.TimeZoneId})")).ToHaveValueAsync(Browser.Local(first).ToString("yyyy-MM-ddTHH:mm"), new() { Timeout = 30_000 });
        await Expect(dialog.GetByText("kept to the second: " + Browser.Local(first).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture))).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "new-stream-live-capture");

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create stream" }).ClickAsync();
        var import = dialog.GetByTestId("job-row").Filter(new() { HasText = "Import chat" }).Filter(new() { HasNotText = "Detect highlights" });
        await Expect(import).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = (float)JobTimeout.TotalMilliseconds });

        // The field shows minutes; left as it was, the stream keeps the second the file gave, so the UTC-timed chat
        // starts at 0 s rather than up to a minute late against the video.
        await using var db = await EditorData.Db(_app.Services);
        var stream = await db.Streams.SingleAsync(s => s.Title == "liihs live");
        Assert.Equal(first, stream.StartedAt, TimeSpan.FromMilliseconds(2));
        var stored = await db.ChatMessages.Where(m => m.StreamId == stream.Id).OrderBy(m => m.OffsetSeconds).Select(m => m.OffsetSeconds).ToListAsync();
        Assert.Equal(offsets.Select(o => o - offsets[0]), stored, (a, b) => Math.Abs(a - b) < 0.002);
    }

    [Fact]
    public async Task A_whisper_json_beside_a_chat_json_is_taken_as_the_transcript_and_imported()
    {
        var chat = _files.File("liihs.json");
        RealChat.WriteAsChatDownloader(RealChat.Small, chat);
        var whisper = _files.File("liihs whisper.json");
        await File.WriteAllTextAsync(whisper, Ingest.TranscriptParserTests.WhisperJson((12, 15.5, "okay let's go"), (16, 19.25, "no way, clip that")));
        await using var context = await NewEditorContextAsync("Whisper user");

        // Both are .json: the content tells the chat from the transcript.
        var (page, dialog) = await PickInNewStreamAsync(context, chat, whisper);
        var chosen = dialog.GetByTestId("chosen-files");
        await Expect(chosen.Locator("[data-kind=transcript]")).ToContainTextAsync("liihs whisper.json", new() { Timeout = 30_000 });
        await Expect(chosen.Locator("[data-kind=chat]")).ToContainTextAsync("liihs.json");
        await Expect(dialog.GetByLabel("Title")).ToHaveValueAsync("liihs");
        await Browser.ScreenshotAsync(page, "new-stream-whisper");

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create stream" }).ClickAsync();
        // A detection waiting for the import names it too.
        var transcript = dialog.GetByTestId("job-row").Filter(new() { HasText = "Import transcript" }).Filter(new() { HasNotText = "Detect highlights" });
        await Expect(transcript).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = (float)JobTimeout.TotalMilliseconds });
        await using var db = await EditorData.Db(_app.Services);
        var streamId = await db.Streams.Where(s => s.Title == "liihs").Select(s => s.Id).SingleAsync();
        Assert.Equal(["okay let's go", "no way, clip that"], await db.TranscriptSegments.Where(t => t.StreamId == streamId).OrderBy(t => t.StartSeconds).Select(t => t.Text).ToListAsync());
    }

    [Fact]
    public async Task A_chat_and_a_twitch_vod_playlist_url_make_the_stream_in_one_go()
    {
        var facts = RealChat.Of(RealChat.Small);
        await using var server = await FileServer.StartAsync();
        var hls = Directory.CreateDirectory(_files.File("hls")).FullName;
        await FFMpegArguments.FromFileInput(await TestMedia.GetAsync()).OutputToFile(Path.Combine(hls, "index-dvr.m3u8"), true,
            o => o.WithCustomArgument($"-c copy -f hls -hls_time 4 -hls_playlist_type vod -hls_segment_filename \"{Path.Combine(hls, "%d.ts")}\"")).ProcessAsynchronously();
        // As Twitch serves a VOD with copyrighted music in it: part 1 muted, part 2 still named unmuted but answering 403;
        // the broadcast reconnecting before part 3, and a connection that drops in part 3.
        File.Move(Path.Combine(hls, "1.ts"), Path.Combine(hls, "1-muted.ts"));
        File.Move(Path.Combine(hls, "2.ts"), Path.Combine(hls, "2-muted.ts"));
        var playlist = Path.Combine(hls, "index-dvr.m3u8");
        var lines = (await File.ReadAllTextAsync(playlist)).Replace("\n1.ts", "\n1-muted.ts").Replace("\n2.ts", "\n2-unmuted.ts").Split('\n').ToList();
        lines.Insert(lines.IndexOf("3.ts") - 1, "#EXT-X-DISCONTINUITY");
        await File.WriteAllLinesAsync(playlist, lines);
        // Pasted as the VOD's master playlist, from a channel on Enhanced Broadcasting: its source in HEVC (not served
        // here: fetching it would fail the import) above an H.264 rendition.
        await File.WriteAllTextAsync(Path.Combine(hls, "master.m3u8"), """
            #EXTM3U
            #EXT-X-STREAM-INF:BANDWIDTH=12946000,CODECS="hvc1.2.4.L150.90,mp4a.40.2",RESOLUTION=2560x1440,VIDEO="chunked"
            chunked/index-dvr.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=3400000,CODECS="avc1.64002A,mp4a.40.2",RESOLUTION=1920x1080,VIDEO="1080p60"
            index-dvr.m3u8
            """);
        server.ServeFolder(hls).Fail("2-unmuted.ts", new FileServer.Fault.Status(403)).Fail("3.ts", new FileServer.Fault.BreakAfter(20_000));
        await using var context = await NewEditorContextAsync("Playlist user");
        var (page, dialog) = await PickInNewStreamAsync(context, RealChat.Small);
        await Expect(dialog.GetByLabel("Title")).ToHaveValueAsync($"VOD {facts.VodId}", new() { Timeout = 30_000 });

        // The address as a browser's bar shows it is not one the server can fetch: said before any stream exists.
        var url = dialog.GetByTestId("new-stream-video-url");
        await url.FillAsync("twitch.tv/videos/955629991");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create stream" }).ClickAsync();
        await Expect(dialog.GetByTestId("new-stream-error")).ToContainTextAsync("'twitch.tv/videos/955629991' is not an http(s) URL; give the video's full address");
        await using (var db = await EditorData.Db(_app.Services))
        {
            Assert.False(await db.Streams.AnyAsync(s => s.Title == $"VOD {facts.VodId}" && s.Account!.Name == "Playlist user"));
        }

        // The address of the VOD's page is not its video either: said with how to get it, before any stream exists.
        await url.FillAsync("https://www.twitch.tv/videos/955629991");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create stream" }).ClickAsync();
        await Expect(dialog.GetByTestId("new-stream-error")).ToContainTextAsync("is a Twitch page, not its video: give the VOD's .m3u8 playlist");
        await Browser.ScreenshotAsync(page, "new-stream-twitch-page-url");
        await using (var db = await EditorData.Db(_app.Services))
        {
            Assert.False(await db.Streams.AnyAsync(s => s.Account!.Name == "Playlist user"));
        }

        await url.FillAsync(server.Sized("master.m3u8").ToString());
        await Browser.ScreenshotAsync(page, "new-stream-playlist-url");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create stream" }).ClickAsync();
        var download = dialog.GetByTestId("job-row").Filter(new() { HasText = "Import video from" });
        await Expect(download).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = (float)JobTimeout.TotalMilliseconds });
        await Expect(download).ToContainTextAsync("Twitch muted the sound of 0:08.0 of it (0:04.0–0:12.0): those parts are silent");
        await Expect(download).ToContainTextAsync("the 1920x1080 H.264 variant was taken, not the 2560x1440 HEVC one: H.264 plays in every browser");
        await Expect(download).ToContainTextAsync("the broadcast reconnected at 0:12.0 (its 2 parts joined on the playlist's timeline)");
        await Browser.ScreenshotAsync(page, "new-stream-playlist-imported");
        var refinement = dialog.GetByTestId("job-row").Filter(new() { HasText = "Refine the highlights" }).First;
        await Expect(refinement).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = (float)JobTimeout.TotalMilliseconds });

        int streamId;
        await using (var db = await EditorData.Db(_app.Services))
        {
            var stream = await db.Streams.SingleAsync(s => s.Title == $"VOD {facts.VodId}" && s.Account!.Name == "Playlist user");
            var source = await db.Vods.SingleAsync(v => v.StreamId == stream.Id && v.Type == VodType.Archive);
            Assert.InRange(source.DurationSeconds!.Value, 19.5, 20.5);
            Assert.EndsWith(".mp4", source.StorageKey);
            // The chat was in long before the download ended: the refinement waited for the video.
            var firstRefine = await db.Jobs.Where(j => j.StreamId == stream.Id && j.Kind == RefineRequest.JobKind).MinAsync(j => j.CreatedAt);
            Assert.True(firstRefine >= source.StoredAt, $"refined at {firstRefine:O}, before the video was stored at {source.StoredAt:O}");
            streamId = stream.Id;
        }

        // The stream page says where the sound is the platform's silence: in its numbers and on the audio lane.
        var streamPage = await Browser.OpenAsync(page.Context, new Uri(_app.BaseUrl, $"/streams/{streamId}"));
        await Expect(streamPage.GetByTestId("overview-muted")).ToContainTextAsync("0:08 by Twitch");
        await Expect(streamPage.GetByTestId("overview-muted")).ToContainTextAsync("0:04.0–0:12.0");
        await Expect(streamPage.Locator("[data-signal=audio] [data-testid=muted-stretch]")).ToHaveCountAsync(1);
        // And where the broadcast reconnected, after which Twitch's chat can run ahead of the video.
        await Expect(streamPage.GetByTestId("overview-reconnects")).ToContainTextAsync("0:12.0");
        await Expect(streamPage.Locator("[data-signal=chat] [data-testid=reconnect-mark]")).ToHaveCountAsync(1);
        await Browser.ScreenshotAsync(streamPage, "stream-muted-by-twitch");
    }

    /// <summary>A browser signed in as an editor of a new account named <paramref name="accountName"/>.</summary>
    private async Task<IBrowserContext> NewEditorContextAsync(string accountName)
    {
        await using var db = await EditorData.Db(_app.Services);
        var account = new Account { Name = accountName, Plan = AccountPlan.Paid, CreatedAt = DateTime.UtcNow };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return await Browser.NewSignedInContextAsync(_app.BaseUrl, await _app.AddUserAsync(account.Id, AccountRole.Editor));
    }

    /// <summary>Opens New stream on /streams and picks <paramref name="files"/> in it.</summary>
    private async Task<(IPage Page, ILocator Dialog)> PickInNewStreamAsync(IBrowserContext context, params string[] files)
    {
        var page = await Browser.OpenAsync(context, new Uri(_app.BaseUrl, "/streams"));
        await page.GetByTestId("new-stream").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByTestId("new-stream-zone")).ToHaveAttributeAsync("data-ready", "true");
        await dialog.Locator("input[type=file]").SetInputFilesAsync(files);
        return (page, dialog);
    }

    [Fact]
    public async Task A_viewer_sees_no_stream_actions()
    {
        await using var db = await EditorData.Db(_app.Services);
        var account = new Account { Name = "Watched", Plan = AccountPlan.Paid, CreatedAt = DateTime.UtcNow };
        var stream = new LiveStream { Account = account, Title = "Watched stream", Channel = "someone", StartedAt = DateTime.UtcNow, CreatedAt = DateTime.UtcNow };
        db.Streams.Add(stream);
        await db.SaveChangesAsync();
        var viewer = await _app.AddUserAsync(account.Id, AccountRole.Viewer);
        await using var context = await Browser.NewSignedInContextAsync(_app.BaseUrl, viewer);

        var list = await Browser.OpenAsync(context, new Uri(_app.BaseUrl, "/streams"));
        await Expect(list.GetByTestId("stream-link")).ToHaveTextAsync("Watched stream");
        await Expect(list.GetByTestId("new-stream")).ToHaveCountAsync(0);
        var detail = await Browser.OpenAsync(context, new Uri(_app.BaseUrl, $"/streams/{stream.Id}"));
        await Expect(detail.GetByTestId("read-only")).ToBeVisibleAsync();
        await Expect(detail.GetByTestId("edit-stream")).ToHaveCountAsync(0);
        await Expect(detail.GetByTestId("delete-stream")).ToHaveCountAsync(0);
    }

    private async Task<int> AccountOfAsync(string email)
    {
        await using var db = await EditorData.Db(_app.Services);
        return await db.AccountMembers.Where(m => m.User!.Email == email).Select(m => m.AccountId).SingleAsync();
    }

    private async Task<long> UsedBytesAsync(int accountId)
    {
        await using var db = await EditorData.Db(_app.Services);
        return await db.Accounts.Where(a => a.Id == accountId).Select(a => a.UsedBytes).SingleAsync();
    }
}
