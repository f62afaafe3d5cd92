using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using VodManager.Core.Cutting;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using Xunit.Abstractions;
using VodManager.Core.Data.Entities;
using VodManager.Core.Quota;
using VodManager.Core.Storage;
using VodManager.Tests.Cutting;
using VodManager.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace VodManager.Tests.E2E;

/// <summary>
/// The scale-out proof: PostgreSQL, Redis and Azurite started by fixtures, two app processes with the same settings
/// and data folders of their own, the demo seeded once. A precise "cut all" goes into the shared job store; an editor
/// signed in on the node that does not run it watches the stream and sees its progress live; the node that runs it
/// is SIGKILLed mid-batch and the other node's scheduler recovers and finishes it. Then: one stored clip per
/// highlight, no duplicate external ids, one blob per stored VOD, the ledger equal to the stored bytes, no temp files
/// on either node. scripts/two-node-loop.sh runs it five times and prints the tally and the failover times.
/// </summary>
[Collection(CrashCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class TwoNodeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180); // the first node seeds the demo

    [Fact]
    public async Task An_editor_on_one_node_follows_a_cut_all_on_the_other_which_dies_and_the_survivor_finishes_it()
    {
        var redis = await Redis.GetAsync();
        var settings = await TestDatabase.SettingsAsync(DatabaseEngine.PostgreSql, await CutScenario.BlobSettingsAsync());
        await using var db = await CoreHost.StartAsync(settings);
        var shared = settings.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key.Replace(":", "__"), kv => kv.Value!);
        shared["Progress__Redis"] = redis.ConnectionString;
        shared["Progress__ChannelPrefix"] = "t" + Guid.NewGuid().ToString("N");
        shared["Jobs__ClusterCheckinInterval"] = "00:00:02";
        shared["Cutting__BatchParallelism"] = "1";
        // Precise cuts are what make the batch long enough to kill mid-way; the fastest encoder preset keeps it so at
        // half the CPU of the default one (eight re-encoded demo moments on the survivor).
        shared["Cutting__ReencodePreset"] = "ultrafast";
        shared["VodManager__SeedDemo"] = "true";

        using var folderA = new TempFolder("node-a");
        using var folderB = new TempFolder("node-b");
        var log = new ProcessLog();
        var a = new Node("A", folderA);
        var b = new Node("B", folderB);
        try
        {
            // One after the other: the first seeds the demo and creates Quartz's tables, the second finds both.
            foreach (var node in new[] { a, b })
            {
                await node.StartAsync(shared, log);
                await Wait.UntilAsync(async () =>
                {
                    await using var poll = await db.DbAsync();
                    return await CutScenario.SchedulerNodesAsync(poll) >= (node == a ? 1 : 2);
                }, $"node {node.Name} did not join the cluster\n{log}", StartTimeout);
            }

            await using var read = await db.DbAsync();
            var stream = await read.Streams.AsNoTracking().SingleAsync();
            Assert.Equal(1, await read.Accounts.CountAsync()); // seeded once
            var pages = new Dictionary<Node, IPage>();
            foreach (var node in new[] { a, b })
            {
                var context = await Browser.NewSignedInContextAsync(node.Url);
                pages[node] = await Browser.OpenAsync(context, new Uri(node.Url, $"/streams/{stream.Id}"));
            }

            // An editor's change by hand on one node shows on the other node's open page, through Redis: a dismissal
            // and its undo (undone, so the batch below cuts what it would have).
            var rankOne = (IPage p) => p.Locator("tbody tr", new() { Has = p.Locator("[data-testid=rank]:text-is('1')") });
            await Expect(rankOne(pages[b])).ToHaveCountAsync(1);
            await rankOne(pages[a]).GetByRole(AriaRole.Button, new() { Name = "Dismiss highlight #1" }).ClickAsync();
            await Expect(rankOne(pages[b])).ToHaveCountAsync(0);
            await pages[a].GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
            await Expect(rankOne(pages[b])).ToHaveCountAsync(1);

            var jobId = await CutScenario.EnqueueCutAllAsync(settings, db.DataFolder, stream.AccountId, stream.Id);
            var highlightIds = await read.Highlights.Where(h => h.StreamId == stream.Id && h.ClipStatus == ClipStatus.Queued).Select(h => h.Id).ToListAsync();
            Assert.True(highlightIds.Count >= 4, $"the demo gave {highlightIds.Count} highlights to cut");

            // Whichever node took the job runs ffmpeg; the editor on the other one follows it.
            Node? runner = null;
            await Wait.UntilAsync(() => (runner = new[] { a, b }.FirstOrDefault(n => ProcessTree.RunsFfmpeg(n.Process!))) is not null, $"no node started cutting\n{log}", StartTimeout);
            var watcher = runner == a ? b : a;
            var page = pages[watcher];
            var row = page.Locator($"[data-testid=job-row][data-job-id='{jobId}']").First;
            var percents = new HashSet<string>();
            await Wait.UntilAsync(async () =>
            {
                if (await row.CountAsync() > 0 && await row.GetAttributeAsync("data-status") == nameof(JobStatus.Running))
                {
                    percents.Add(await row.GetByTestId("job-percent").InnerTextAsync());
                }

                return percents.Count >= 3;
            }, $"node {watcher.Name}'s page did not follow node {runner!.Name}'s job live (saw {string.Join(", ", percents)})\n{log}", StartTimeout);
            Assert.Equal(0, await page.GetByTestId("progress-paused").CountAsync());
            await Browser.ScreenshotAsync(page, "two-nodes-watching-the-other-node");

            // Mid-batch: after the first clip, with another one being cut.
            await Wait.UntilAsync(async () =>
            {
                await using var poll = await db.DbAsync();
                return await poll.Highlights.CountAsync(h => highlightIds.Contains(h.Id) && h.ClipStatus == ClipStatus.Done) >= 1
                    && await poll.Highlights.AnyAsync(h => highlightIds.Contains(h.Id) && h.ClipStatus == ClipStatus.Cutting);
            }, $"the batch never reached its second clip\n{log}", StartTimeout);
            ChildProcess.Stop(runner.Process!);
            var failover = Stopwatch.StartNew();
            await using (var check = await db.DbAsync())
            {
                Assert.True(await check.Highlights.CountAsync(h => highlightIds.Contains(h.Id) && h.ClipStatus == ClipStatus.Done) < highlightIds.Count, "the kill came too late to be mid-batch");
            }

            await Wait.UntilAsync(async () =>
            {
                await using var poll = await db.DbAsync();
                return await poll.Jobs.AnyAsync(j => j.Id == jobId && (j.Status == JobStatus.Succeeded || j.Status == JobStatus.Failed));
            }, $"the survivor did not finish the job\n{log}", TimeSpan.FromMinutes(5));
            failover.Stop();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"failover: node {runner.Name} killed -> batch of {highlightIds.Count} finished on node {watcher.Name} in {failover.Elapsed.TotalSeconds:0.0} s"));
            await using (var check = await db.DbAsync())
            {
                var job = await check.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
                Assert.True(job.Status == JobStatus.Succeeded, $"job {job.Status}: {job.Error}\n{log}");
            }

            await Wait.UntilAsync(async () => await row.GetAttributeAsync("data-status") == nameof(JobStatus.Succeeded), $"node {watcher.Name}'s page did not show the job finished\n{log}");
            await Browser.ScreenshotAsync(page, "two-nodes-survivor-finished");

            // A clip downloaded from Blob (another origin, where a browser ignores the link's download attribute) is
            // saved under its title, as on local disk, not as its blob's name.
            await page.GotoAsync(new Uri(watcher.Url, "/clips").ToString());
            var download = page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Download ") }).First;
            var title = await download.GetAttributeAsync("download");
            Assert.EndsWith(".mp4", title);
            Assert.DoesNotContain("highlight-", title, StringComparison.Ordinal);
            Assert.Equal(title, (await page.RunAndWaitForDownloadAsync(() => download.ClickAsync())).SuggestedFilename);
            await page.Context.CloseAsync();
            await pages[runner].Context.CloseAsync();
            ChildProcess.Stop(watcher.Process!);

            // A killed node cannot clean up after itself: restarted on its data folder, its start-up sweep does.
            await runner.StartAsync(shared, log);
            ChildProcess.Stop(runner.Process!);
        }
        finally
        {
            foreach (var node in new[] { a, b })
            {
                node.Stop();
            }
        }

        // No live component outlived its page (one did on a cold node: each progress report then failed in it).
        Assert.DoesNotContain("A progress subscriber failed", log.ToString(), StringComparison.Ordinal);
        await AssertOneClipPerHighlightAndNothingLeftAsync(db);
        Assert.Empty(CutScenario.FilesUnder(Path.Combine(folderA.Path, "tmp")));
        Assert.Empty(CutScenario.FilesUnder(Path.Combine(folderB.Path, "tmp")));
    }

    private static async Task AssertOneClipPerHighlightAndNothingLeftAsync(CoreHost host)
    {
        await using var db = await host.DbAsync();
        var stream = await db.Streams.AsNoTracking().SingleAsync();
        var highlights = await db.Highlights.AsNoTracking().Where(h => h.StreamId == stream.Id && h.ClipStatus != ClipStatus.None).ToListAsync();
        var clips = await db.Vods.IgnoreQueryFilters().AsNoTracking().Where(v => v.Type == VodType.Highlight).ToListAsync();

        // Refinement may judge a demo moment "not a clip": cut all skips it, with that reason, and cuts every other one.
        Assert.All(highlights, h => Assert.Equal(h.IsClipable == false ? ClipStatus.Skipped : ClipStatus.Done, h.ClipStatus));
        Assert.Equal(highlights.Where(h => h.ClipStatus == ClipStatus.Done).Select(h => h.Id).Order(), clips.Select(c => c.HighlightId!.Value).Order());
        Assert.All(clips, c => Assert.Equal(VodStatus.Stored, c.Status));
        Assert.Equal(clips.Count, clips.Select(c => c.ExternalId).Distinct().Count());

        var stored = await db.Vods.AsNoTracking().Where(v => v.Status == VodStatus.Stored).ToListAsync();
        var blobs = new List<string>();
        await foreach (var key in host.Get<IVodStorage>().ListAsync("", CancellationToken.None))
        {
            blobs.Add(key);
        }

        Assert.Equal(stored.Select(v => v.StorageKey).Order(), blobs.Order());
        var ledger = await host.Get<QuotaService>().CheckLedgerAsync(stream.AccountId, CancellationToken.None);
        Assert.True(ledger.Balanced, $"ledger {ledger}");
        Assert.False(await db.VodPins.AnyAsync(p => p.ExpiresAt > DateTime.UtcNow), "a pin outlived its job");
        Assert.False(await db.Highlights.AnyAsync(h => h.ClipClaimToken != null), "a claim outlived its job");
    }

    private static async Task WaitHealthyAsync(Node node, ProcessLog log)
    {
        using var http = new HttpClient { BaseAddress = node.Url, Timeout = TimeSpan.FromSeconds(5) };
        await Wait.UntilAsync(async () =>
        {
            Assert.False(node.Process!.HasExited, $"node {node.Name} exited on start\n{log}");
            try
            {
                return (await http.GetAsync("/healthz")).IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, $"node {node.Name} did not become healthy\n{log}", StartTimeout);
    }

    /// <summary>One app process: its name in messages, its own data folder and port.</summary>
    private sealed class Node(string name, TempFolder folder)
    {
        private const int StartAttempts = 3;

        public string Name => name;

        public Uri Url { get; private set; } = default!;

        public Process? Process { get; private set; }

        /// <summary>
        /// Starts the node on a port picked just before, and again on another if that one was taken meanwhile: a free
        /// port is only free until some outbound connection of the suite (the other node's, the browser's) gets it.
        /// </summary>
        public async Task StartAsync(Dictionary<string, string> shared, ProcessLog log)
        {
            var environment = new Dictionary<string, string>(shared) { ["VodManager__DataFolder"] = folder.Path };
            await DemoVideo.PlaceForAsync(environment);
            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort.Next();
                Url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
                Process = WebHostProcess.StartServer(
                    new Dictionary<string, string>(environment) { ["ASPNETCORE_URLS"] = Url.ToString().TrimEnd('/') },
                    line => log.Append($"{name}: {line}"));
                try
                {
                    await WaitHealthyAsync(this, log);
                    return;
                }
                catch (Exception) when (attempt < StartAttempts && Process.HasExited
                    && log.ToString().Contains(string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}: address already in use"), StringComparison.Ordinal))
                {
                    log.Append($"{name}: port {port} was taken before the node bound it; starting again on another");
                }
            }
        }

        public void Stop()
        {
            if (Process is not null)
            {
                ChildProcess.Stop(Process);
            }
        }
    }
}
