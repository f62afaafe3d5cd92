using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using VodManager.Core.Data.Entities;
using VodManager.Core.Editing;
using VodManager.Core.Library;
using VodManager.Core.Refinement;
using VodManager.Core.Storage;
using VodManager.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace VodManager.Tests.E2E;

/// <summary>Cutting from the editor with the real cutter: a selection as one batch followed live by two editors, and an override.</summary>
[Collection(DemoEditorCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class CuttingTests(DemoEditorApp demo) : IAsyncLifetime
{
    private static readonly TimeSpan CutTimeout = TimeSpan.FromSeconds(90);
    private IBrowserContext _first = default!;
    private IBrowserContext _second = default!;

    public async Task InitializeAsync()
    {
        _first = await Browser.NewSignedInContextAsync(demo.App.BaseUrl);
        _second = await Browser.NewSignedInContextAsync(demo.App.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    private static ILocator Row(IPage page, int rank) =>
        page.Locator("tbody tr", new() { Has = page.Locator($"[data-testid=rank]:text-is('{rank}')") });

    [Fact]
    public async Task Three_selected_highlights_are_cut_as_one_job_that_every_open_editor_follows()
    {
        var editor = await Browser.OpenAsync(_first, demo.StreamUrl);
        var watcher = await Browser.OpenAsync(_second, demo.StreamUrl);

        // Every percent the watcher's page ever shows, so "progress advanced" is checked on what a person saw.
        await watcher.EvaluateAsync("""
            () => {
              window.percents = [];
              new MutationObserver(() => {
                for (const row of document.querySelectorAll('main [data-testid=job-row]')) {
                  window.percents.push(row.dataset.jobId + ' ' + row.querySelector('[data-testid=job-percent]').textContent);
                }
              }).observe(document.body, { subtree: true, childList: true, characterData: true });
            }
            """);

        // Smart re-encodes only the partial GOPs at the edges: progress moves in steps a person can see, and stays quick.
        await editor.GetByTestId("cut-mode").ClickAsync();
        await editor.GetByRole(AriaRole.Option, new() { Name = "Smart" }).ClickAsync();
        await Expect(editor.GetByTestId("ghost-badge")).ToHaveTextAsync("exact (smart cut)");
        var ranks = demo.Cuttable.Take(3).Select(h => h.Rank).ToList();
        foreach (var rank in ranks.Append(demo.NotClip.Rank))
        {
            await Row(editor, rank).GetByRole(AriaRole.Checkbox).CheckAsync();
        }

        var cut = editor.GetByTestId("bulk-cut");
        await Expect(cut).ToHaveTextAsync(new Regex("Cut selected \\(3\\)"));
        await cut.ClickAsync();

        await Expect(editor.GetByText(new Regex($"Cutting 3 highlights; skipped #{demo.NotClip.Rank} \\(not a clip"))).ToBeVisibleAsync();
        var job = watcher.Locator("main [data-testid=job-row]", new() { HasText = "Cut 3 selected highlights (smart)" });
        await Expect(job).ToHaveAttributeAsync("data-status", "Succeeded", new() { Timeout = (float)CutTimeout.TotalMilliseconds });
        var jobId = await job.GetAttributeAsync("data-job-id");

        var seen = (await watcher.EvaluateAsync<string[]>("() => window.percents"))
            .Where(p => p.StartsWith(jobId!)).Select(p => int.Parse(p.Split(' ')[1].TrimEnd('%'))).Distinct().ToList();
        Assert.Contains(100, seen);
        Assert.True(seen.Count(p => p is > 0 and < 100) >= 1, $"the watcher saw only {string.Join(", ", seen)}");
        Assert.Equal(seen.Order(), seen);

        // Both editors' rows turn into clip links in place; the one that is not a clip was never queued.
        foreach (var page in new[] { editor, watcher })
        {
            foreach (var rank in ranks)
            {
                await Expect(Row(page, rank).GetByTestId("clip-link")).ToBeVisibleAsync();
            }

            await Expect(Row(page, demo.NotClip.Rank).GetByTestId("clip-status")).ToHaveAttributeAsync("data-status", "None");
        }

        await DemoEditorApp.ScreenshotAsync(editor, "stream-after-cut");
        var clips = await Browser.OpenAsync(_first, new Uri(demo.App.BaseUrl, "/clips"));
        var ids = demo.Cuttable.Take(3).Select(h => h.Id).ToList();
        foreach (var id in ids)
        {
            await Expect(clips.Locator($"[data-testid=source-highlight][href$='highlight={id}']")).ToHaveCountAsync(1);
        }

        await using var db = await EditorData.Db(demo.App.Services);
        var stored = await db.Vods.AsNoTracking().Where(v => v.HighlightId != null && ids.Contains(v.HighlightId.Value)).ToListAsync();
        Assert.Equal(3, stored.Count);
        Assert.All(stored, v => Assert.Equal(VodStatus.Stored, v.Status));
    }

    [Fact]
    public async Task Create_clip_anyway_asks_then_cuts_a_not_clipable_highlight_and_records_who()
    {
        // Its own highlight, so the batch test keeps the fixture's as "Not a clip" whichever runs first.
        var notClip = await demo.AddHighlightAsync(start: 20, end: 30, h =>
            (h.IsClipable, h.Confidence, h.RefinementStatus, h.RefinementReason) = (false, 0.2, RefinementStatus.Refined, "a raid announcement with no payoff"));
        var page = await Browser.OpenAsync(_first, demo.StreamUrl);
        var row = Row(page, notClip.Rank);
        await Expect(row.GetByTestId("badge-not-clip")).ToBeVisibleAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = $"Create clip anyway from highlight #{notClip.Rank}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("a raid announcement with no payoff");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create clip anyway" }).ClickAsync();

        await Expect(row.GetByTestId("clip-link")).ToBeVisibleAsync(new() { Timeout = (float)CutTimeout.TotalMilliseconds });
        await Expect(row.GetByTestId("badge-overridden")).ToBeVisibleAsync();
        await using var db = await EditorData.Db(demo.App.Services);
        var saved = await db.Highlights.AsNoTracking().Include(h => h.ClipVod).Include(h => h.Activity).SingleAsync(h => h.Id == notClip.Id);
        Assert.Equal(TestUser.Demo.Email, saved.ClipOverrideBy);
        Assert.Contains(saved.Activity, a => a.Action == "clip-override" && a.Actor == TestUser.Demo.Email);
        Assert.Equal(VodProvenance.Manual, saved.ClipVod!.Provenance);
    }

    [Fact]
    public async Task A_clip_cut_before_its_highlight_was_trimmed_is_cut_again_in_its_place_after_asking()
    {
        var highlight = await demo.AddHighlightAsync(start: 1_150, end: 1_165, _ => { });
        var page = await Browser.OpenAsync(_first, demo.StreamUrl);
        var (row, before) = await CutThenTrimAsync(page, highlight);
        Assert.Equal(demo.Media.Keyframes.Last(k => k <= 1_150), before.SourceStartSeconds!.Value, 3);
        var trimmedStart = demo.Media.Keyframes.First(k => k >= 1_151);
        await Expect(row.GetByTestId("bounds")).ToHaveAttributeAsync("data-start", trimmedStart.ToString("0.###", CultureInfo.InvariantCulture));

        await row.GetByRole(AriaRole.Button, new() { Name = $"Cut highlight #{highlight.Rank} again" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("cut before the bounds changed");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cut again" }).ClickAsync();

        await Expect(row.GetByTestId("clip-predates")).ToHaveCountAsync(0, new() { Timeout = (float)CutTimeout.TotalMilliseconds });
        await Expect(row.GetByTestId("clip-link")).ToBeVisibleAsync(new() { Timeout = (float)CutTimeout.TotalMilliseconds });
        var after = await ClipAsync(highlight.Id);
        Assert.Equal(trimmedStart, after.SourceStartSeconds!.Value, 3);
        await using var db = await EditorData.Db(demo.App.Services);
        Assert.Equal(1, await db.Vods.CountAsync(v => v.HighlightId == highlight.Id && v.Status == VodStatus.Stored));
        var storage = demo.App.Get<IVodStorage>();
        Assert.True(await storage.ExistsAsync(after.StorageKey!, CancellationToken.None));
        Assert.False(await storage.ExistsAsync(before.StorageKey!, CancellationToken.None));
        Assert.True(await db.HighlightActivities.AnyAsync(a => a.HighlightId == highlight.Id && a.Action == HighlightActions.ClipReplaced && a.Actor == TestUser.Demo.Email));
    }

    [Fact]
    public async Task A_cut_again_without_room_for_both_keeps_the_clip_and_says_why_beside_it()
    {
        var highlight = await demo.AddHighlightAsync(start: 1_170, end: 1_180, _ => { });
        var page = await Browser.OpenAsync(_first, demo.StreamUrl);
        var (row, before) = await CutThenTrimAsync(page, highlight);

        // The account is full: the new cut fits only with the old clip gone, and the old clip goes only once the new one is stored.
        long? quota;
        await using (var db = await EditorData.Db(demo.App.Services))
        {
            var account = await db.Accounts.SingleAsync(a => a.Id == demo.Stream.AccountId);
            quota = account.QuotaBytes;
            account.QuotaBytes = account.UsedBytes + 1024;
            await db.SaveChangesAsync();
        }

        try
        {
            await row.GetByRole(AriaRole.Button, new() { Name = $"Cut highlight #{highlight.Rank} again" }).ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cut again" }).ClickAsync();

            var failed = row.GetByTestId("recut-failed");
            await Expect(failed).ToBeVisibleAsync(new() { Timeout = (float)CutTimeout.TotalMilliseconds });
            await Expect(failed).ToHaveAttributeAsync("aria-label", new Regex("^Cutting again failed, the clip is kept: No room for the new cut beside the clip it replaces"));
            await Expect(row.GetByTestId("clip-link")).ToBeVisibleAsync();
            await row.ScrollIntoViewIfNeededAsync();
            await Browser.ScreenshotAsync(page, "cut-again-no-room", fullPage: false);
        }
        finally
        {
            await using var db = await EditorData.Db(demo.App.Services);
            await db.Accounts.Where(a => a.Id == demo.Stream.AccountId).ExecuteUpdateAsync(u => u.SetProperty(a => a.QuotaBytes, quota));
        }

        var kept = await ClipAsync(highlight.Id);
        Assert.Equal(before.Id, kept.Id);
        Assert.True(await demo.App.Get<IVodStorage>().ExistsAsync(before.StorageKey!, CancellationToken.None));
    }

    /// <summary>
    /// Cuts the highlight from its row, then trims it after the cut in the replay view (its start one keyframe later)
    /// and saves: its clip now predates its bounds. Returns its row and the clip as cut.
    /// </summary>
    private async Task<(ILocator Row, Vod Before)> CutThenTrimAsync(IPage page, Highlight highlight)
    {
        var row = Row(page, highlight.Rank);
        await row.GetByRole(AriaRole.Button, new() { Name = $"Cut highlight #{highlight.Rank}", Exact = true }).ClickAsync();
        await Expect(row.GetByTestId("clip-link")).ToBeVisibleAsync(new() { Timeout = (float)CutTimeout.TotalMilliseconds });
        var before = await ClipAsync(highlight.Id);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^Open highlight #{highlight.Rank}:") }).ClickAsync();
        await page.GetByTestId("handle-in").FocusAsync();
        await page.Keyboard.PressAsync("Shift+ArrowRight");
        await page.Keyboard.PressAsync("Enter");
        await Expect(row.GetByTestId("clip-predates")).ToBeVisibleAsync();
        return (row, before);
    }

    /// <summary>The highlight's stored clip as the database has it.</summary>
    private async Task<Vod> ClipAsync(int highlightId)
    {
        await using var db = await EditorData.Db(demo.App.Services);
        return await db.Highlights.AsNoTracking().Where(h => h.Id == highlightId).Select(h => h.ClipVod!).SingleAsync();
    }
}
