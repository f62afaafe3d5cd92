using Microsoft.EntityFrameworkCore;
using VodManager.Core;
using VodManager.Core.Data.Entities;
using VodManager.Core.Editing;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.E2E;

/// <summary>
/// The real app with the demo stream, its chat and events, five highlights in the table's different states, and the
/// source's keyframes indexed: what an editor sees after import, detection and refinement.
/// </summary>
public sealed class DemoEditorApp : IAsyncLifetime
{
    public RunningApp App { get; private set; } = default!;

    public LiveStream Stream { get; private set; } = default!;

    public IReadOnlyList<Highlight> Highlights { get; private set; } = [];

    public Uri StreamUrl => new(App.BaseUrl, $"/streams/{Stream.Id}");

    /// <summary>A copy of the demo's generated video where server-path imports may read it (the default import root).</summary>
    public string CopyDemoVideoToImportRoot()
    {
        var root = Path.Combine(App.DataFolder, "imports");
        Directory.CreateDirectory(root);
        var copy = Path.Combine(root, $"demo-{Guid.NewGuid():N}.mp4");
        File.Copy(Path.Combine(App.Get<DataPaths>().Demo, "demo.mp4"), copy);
        return copy;
    }

    public async Task InitializeAsync()
    {
        App = await RunningApp.StartAsync(seedDemo: true);
        await using (var db = await EditorData.Db(App.Services))
        {
            Stream = await db.Streams.AsNoTracking().SingleAsync();
        }

        Highlights = await EditorData.AddHighlightsAsync(App.Services, Stream.AccountId, Stream.Id);
        await EditorData.AddChatAndEventsAsync(App.Services, Stream.Id, Stream.DurationSeconds!.Value, bursts: [66, 98, 151, 174, 205]);
        var timelines = App.Get<StreamTimelineService>();
        var timeline = await timelines.GetAsync(Stream.AccountId, Stream.Id, CancellationToken.None);
        await timelines.IndexSourceAsync(timeline!.Source!, CancellationToken.None);
    }

    /// <summary>Another stream of the demo account, with nothing imported yet.</summary>
    public async Task<int> AddStreamAsync(string title)
    {
        await using var db = await EditorData.Db(App.Services);
        var stream = new LiveStream { AccountId = Stream.AccountId, Channel = "demo_channel", Title = title, StartedAt = DateTime.UtcNow.AddHours(-1), CreatedAt = DateTime.UtcNow };
        db.Streams.Add(stream);
        await db.SaveChangesAsync();
        return stream.Id;
    }

    public async Task<Highlight> AddHighlightAsync(int rank, double start, double end, Action<Highlight> tweak)
    {
        var highlight = new Highlight
        {
            AccountId = Stream.AccountId, StreamId = Stream.Id, Rank = rank, DetectedStart = start, DetectedEnd = end, Score = 3, CreatedAt = DateTime.UtcNow,
        };
        tweak(highlight);
        await using var db = await EditorData.Db(App.Services);
        db.Highlights.Add(highlight);
        await db.SaveChangesAsync();
        return highlight;
    }

    public async Task<Highlight> HighlightAsync(int id)
    {
        await using var db = await EditorData.Db(App.Services);
        return await db.Highlights.AsNoTracking().SingleAsync(h => h.Id == id);
    }

    /// <summary>
    /// A full-page screenshot with the viewport grown to the page first: otherwise the fixed app bar is drawn where the
    /// first viewport ended, in the middle of the editor.
    /// </summary>
    public static async Task ScreenshotAsync(Microsoft.Playwright.IPage page, string name)
    {
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        await page.SetViewportSizeAsync(1440, Math.Min(height, 3000));
        await Browser.ScreenshotAsync(page, name);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
