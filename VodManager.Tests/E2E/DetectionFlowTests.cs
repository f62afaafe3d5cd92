using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using VodManager.Core;
using VodManager.Core.Streams;
using VodManager.Tests.Streams;
using VodManager.Tests.Fixtures;
using VodManager.Tests.Ingest;
using static Microsoft.Playwright.Assertions;

namespace VodManager.Tests.E2E;

/// <summary>From files to highlights on the stream page: uploads start imports, detection follows, the table fills live.</summary>
[Collection(DemoEditorCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class DetectionFlowTests(DemoEditorApp demo) : IAsyncLifetime
{
    private IBrowserContext _context = default!;

    public async Task InitializeAsync() => _context = await Browser.NewSignedInContextAsync(demo.App.BaseUrl);

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private static ILocator Job(IPage page, string title) => page.Locator("main [data-testid=job-list] [data-testid=job-row]", new() { HasText = title });

    [Fact]
    public async Task Uploading_the_chat_detects_without_a_reload_and_events_detect_again()
    {
        var streamId = await demo.AddStreamAsync("Fresh stream");
        var page = await Browser.OpenAsync(_context, new Uri(demo.App.BaseUrl, $"/streams/{streamId}"));
        await Expect(page.GetByText("No highlights yet: upload the chat log; detection starts once it is in.")).ToBeVisibleAsync();
        var demoFiles = demo.App.Get<DataPaths>().Demo;
        await Expect(page.GetByTestId("data-uploads")).ToHaveAttributeAsync("data-ready", "true");
        var detections = Job(page, "Detect highlights");

        // The chat alone starts detection (most streams have no events file), and its rows appear in place.
        await page.Locator("[data-kind=chat] input[type=file]").SetInputFilesAsync(Path.Combine(demoFiles, "chat.json"));
        await Expect(Job(page, "Import chat chat.json")).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-kind=chat] [data-testid=import-state]")).ToHaveTextAsync("imported");
        await Expect(detections).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("rank").First).ToHaveTextAsync("1");

        // An events file added later detects again with it.
        await page.Locator("[data-kind=events] input[type=file]").SetInputFilesAsync(Path.Combine(demoFiles, "events.jsonl"));
        await Expect(detections).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Expect(detections.First).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-kind=events] [data-testid=import-state]")).ToHaveTextAsync("imported");
        await Expect(page.GetByTestId("rank").First).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("minimap-range").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-signal=chat][data-testid=signal-lane] path")).ToHaveAttributeAsync("d", new Regex(@"L\d+,0\.\d"));
        // Each upload waited in a folder of its own under its node's: nothing of them is left.
        Assert.Empty(Directory.Exists(Path.Combine(demo.App.Get<DataPaths>().Temp, "uploads"))
            ? Directory.GetFiles(Path.Combine(demo.App.Get<DataPaths>().Temp, "uploads"), "*", SearchOption.AllDirectories)
            : []);
        await DemoEditorApp.ScreenshotAsync(page, "stream-detected");

        // Re-detecting asks first, then runs again.
        await page.GetByTestId("detect").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Re-detect" }).ClickAsync();
        await Expect(detections).ToHaveCountAsync(3);
        await Expect(detections.First).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = 60_000 });
    }

    [Fact]
    public async Task A_chat_the_command_line_imports_beside_the_app_shows_its_jobs_and_highlights_on_an_open_page()
    {
        var streamId = await demo.AddStreamAsync("Imported from the command line");
        var page = await Browser.OpenAsync(_context, new Uri(demo.App.BaseUrl, $"/streams/{streamId}"));
        await Expect(page.GetByText("No highlights yet: upload the chat log; detection starts once it is in.")).ToBeVisibleAsync();

        // The operator's `./vodmanager import` in its own process, on the app's data folder: the app has no Redis, so
        // its editors hear of the command line's jobs from the job table.
        var environment = new Dictionary<string, string> { ["VodManager__DataFolder"] = demo.App.DataFolder, ["VodManager__SeedDemo"] = "false" };
        var (exit, _, stderr) = await WebHostProcess.RunAsync(["import", "--stream", $"{streamId}", "--chat", RealChat.Small], environment, TimeSpan.FromMinutes(3));
        Assert.True(exit == 0, stderr);

        await Expect(Job(page, $"Import chat {Path.GetFileName(RealChat.Small)}")).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = 15_000 });
        await Expect(Job(page, "Detect highlights")).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("rank").First).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-kind=chat] [data-testid=import-state]")).ToHaveTextAsync("imported");
        await DemoEditorApp.ScreenshotAsync(page, "stream-imported-by-cli");
    }

    [Fact]
    public async Task Without_an_events_file_the_inputs_say_the_events_came_from_the_chat_and_the_chat_gives_the_start()
    {
        var streamId = await demo.AddStreamAsync("Chat only");
        var page = await Browser.OpenAsync(_context, new Uri(demo.App.BaseUrl, $"/streams/{streamId}"));
        var events = page.Locator("[data-kind=events] [data-testid=import-state]");
        await Expect(events).ToHaveTextAsync("not imported");
        await Expect(page.GetByTestId("stream-started")).ToHaveTextAsync("start not known yet");
        await Expect(page.GetByTestId("data-uploads")).ToHaveAttributeAsync("data-ready", "true");

        // The real chat announces raids in Twitch notices; with no events file they become the stream's events.
        await page.Locator("[data-kind=chat] input[type=file]").SetInputFilesAsync(RealChat.Small);
        await Expect(Job(page, $"Import chat {Path.GetFileName(RealChat.Small)}")).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = 60_000 });
        await using var db = await EditorData.Db(demo.App.Services);
        var fromChat = await db.StreamEvents.CountAsync(e => e.StreamId == streamId && e.Source == StreamEventSource.ChatNotice);
        Assert.True(fromChat > 0, "the real chat's raid notices make events");
        Assert.Equal(fromChat, await db.StreamEvents.CountAsync(e => e.StreamId == streamId));
        await Expect(events).ToHaveTextAsync($"{fromChat} from the chat");

        // The chat alone started detection: a new stream with its real chat fills its table by itself.
        await Expect(Job(page, "Detect highlights")).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("rank").First).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-kind=chat] [data-testid=import-state]")).ToHaveTextAsync("imported");
        await page.GetByTestId("data-uploads").ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotFolder, "inputs-events-from-chat.png") });

        // The stream had no start; the chat said when its broadcast began, and the header reads it without a reload.
        var started = RealChat.Of(RealChat.Small).StartedAt;
        await Expect(page.GetByTestId("stream-started")).ToHaveTextAsync(Browser.Local(started).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));

        // The same channel's broadcast of a week before is refused by name, and the stream keeps its chat.
        var other = Parsers.RealChat(Parsers.BigRealLog);
        // The picker makes a new input for each choice.
        await page.Locator("[data-kind=chat] input[type=file]").Last.SetInputFilesAsync(other);
        var refused = Job(page, $"Import chat {Path.GetFileName(other)}");
        await Expect(refused).ToHaveAttributeAsync("data-status", "Failed", new() { Timeout = 60_000 });
        await Expect(refused).ToContainTextAsync("it is the chat of a broadcast that began 2021-03-19 21:55 UTC, 6 days 2 hours before this stream's start");
        await Browser.ScreenshotAsync(page, "chat-of-another-broadcast");
        Assert.Equal(RealChat.Of(RealChat.Small).Comments, await db.ChatMessages.CountAsync(m => m.StreamId == streamId));
    }
}
