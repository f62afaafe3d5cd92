using Microsoft.EntityFrameworkCore;
using VodManager.Core;
using VodManager.Core.Data.Entities;
using VodManager.Core.Editing;
using VodManager.Core.Jobs;
using VodManager.Core.Media;
using VodManager.Core.Refinement;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.E2E;

/// <summary>
/// The real app with the demo seed (video, chat, events and transcript imported, highlights detected and refined, the
/// best one cut) — the state an editor meets after the whole pipeline ran.
/// </summary>
public sealed class DemoEditorApp : IAsyncLifetime
{
    public RunningApp App { get; private set; } = default!;

    public LiveStream Stream { get; private set; } = default!;

    /// <summary>The demo's detected highlights, best first.</summary>
    public IReadOnlyList<Highlight> Detected { get; private set; } = [];

    /// <summary>The demo's highlight on the silent be-right-back screen, which the heuristic refinement judged not a clip.</summary>
    public Highlight NotClip { get; private set; } = default!;

    /// <summary>The highlight the seed cut into a clip.</summary>
    public Highlight Clipped { get; private set; } = default!;

    /// <summary>Detected highlights an editor can still cut (a clip, judged so, and none made yet), best first.</summary>
    public IReadOnlyList<Highlight> Cuttable { get; private set; } = [];

    /// <summary>The source's keyframes, for working out where handles may snap.</summary>
    public MediaIndex Media { get; private set; } = default!;

    public Uri StreamUrl => new(App.BaseUrl, $"/streams/{Stream.Id}");

    public async Task InitializeAsync()
    {
        App = await RunningApp.StartAsync(seedDemo: true);
        await AutoRefinementFinishedAsync();
        await using (var db = await EditorData.Db(App.Services))
        {
            Stream = await db.Streams.AsNoTracking().SingleAsync();
            Detected = await db.Highlights.AsNoTracking().Where(h => h.StreamId == Stream.Id).OrderBy(h => h.Rank).ToListAsync();
            var clipped = await db.Vods.AsNoTracking().Where(v => v.StreamId == Stream.Id && v.HighlightId != null).Select(v => v.HighlightId!.Value).ToListAsync();
            Clipped = Detected.Single(h => clipped.Contains(h.Id));
            NotClip = Assert.Single(Detected, h => h.IsClipable == false);
            Cuttable = Detected.Where(h => h.IsClipable != false && h.Id != Clipped.Id).ToList();
        }

        Assert.True(Detected.Count >= 8, $"the demo should have at least 8 detected highlights, it has {Detected.Count}");
        var timelines = App.Get<StreamTimelineService>();
        Media = (await timelines.IndexSourceAsync(Stream.AccountId, Stream.Id, CancellationToken.None))!;
    }

    /// <summary>
    /// Detection in the seed queued the account's automatic refinement; the editor tests start from its outcome, not
    /// from highlights whose bounds may still move under them.
    /// </summary>
    private async Task AutoRefinementFinishedAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        await using var db = await EditorData.Db(App.Services);
        while (await db.Jobs.AsNoTracking().AnyAsync(j => j.Kind == RefineRequest.JobKind && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the demo's automatic refinement did not finish within 60 s");
            await Task.Delay(200);
        }

        Assert.True(await db.Jobs.AnyAsync(j => j.Kind == RefineRequest.JobKind && j.Status == JobStatus.Succeeded), "the demo's automatic refinement did not run");
    }

    /// <summary>A copy of the demo's generated video where server-path imports may read it (the default import root).</summary>
    public string CopyDemoVideoToImportRoot()
    {
        var root = Path.Combine(App.DataFolder, "imports");
        Directory.CreateDirectory(root);
        var copy = Path.Combine(root, $"demo-{Guid.NewGuid():N}.mp4");
        File.Copy(Path.Combine(App.Get<DataPaths>().Demo, "demo.mp4"), copy);
        return copy;
    }

    /// <summary>Another stream of the demo account, with nothing imported yet and no start given (as one made from a video alone).</summary>
    public async Task<int> AddStreamAsync(string title)
    {
        await using var db = await EditorData.Db(App.Services);
        var stream = new LiveStream { AccountId = Stream.AccountId, Channel = "demo_channel", Title = title, StartedAt = DateTime.UtcNow, StartAssumed = true, CreatedAt = DateTime.UtcNow };
        db.Streams.Add(stream);
        await db.SaveChangesAsync();
        return stream.Id;
    }

    /// <summary>A highlight on the demo stream, ranked after every existing one.</summary>
    public async Task<Highlight> AddHighlightAsync(double start, double end, Action<Highlight> tweak)
    {
        await using var db = await EditorData.Db(App.Services);
        var rank = await db.Highlights.Where(h => h.StreamId == Stream.Id).MaxAsync(h => (int?)h.Rank) ?? 0;
        var highlight = Builders.Highlight(Stream.AccountId, Stream.Id, rank + 1, start, end);
        tweak(highlight);
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
        var height = await page.EvaluateAsync<int>("() => { window.scrollTo(0, 0); return document.documentElement.scrollHeight; }");
        await page.SetViewportSizeAsync(1440, Math.Min(height, 3000));
        await Browser.ScreenshotAsync(page, name);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
