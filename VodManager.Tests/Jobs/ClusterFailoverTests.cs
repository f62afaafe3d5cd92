using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using VodManager.Core.Cutting;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using Xunit.Abstractions;
using VodManager.Core.Media;
using VodManager.Tests.Cutting;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Jobs;

/// <summary>
/// Two app nodes (separate processes, separate data folders) on one PostgreSQL database with a clustered Quartz
/// store and shared storage. The node that took a "cut all" is SIGKILLed mid-batch; the other's scheduler notices its
/// check-ins stopped, recovers the job and finishes it: one clip per highlight, nothing orphaned, the ledger exact.
/// </summary>
[Collection(CrashCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class ClusterFailoverTests(ITestOutputHelper output)
{
    private const int Highlights = 4;
    private static readonly TestPatternSpec Source = new(60);

    [Fact]
    public async Task A_job_on_a_node_that_dies_is_finished_by_the_other_node()
    {
        var settings = await TestDatabase.SettingsAsync(DatabaseEngine.PostgreSql, new Dictionary<string, string?>
        {
            ["Cutting:BatchParallelism"] = "1",
            ["Jobs:ClusterCheckinInterval"] = "00:00:02",
        });
        await using var s = await CutScenario.StartAsync(settings, Source, countReads: false);
        var ids = new List<int>();
        for (var i = 0; i < Highlights; i++)
        {
            ids.Add((await s.AddHighlightAsync(2 + i * 14, 10 + i * 14)).Id);
        }

        using var folderA = new TempFolder("node-a");
        using var folderB = new TempFolder("node-b");
        var log = new ProcessLog();
        var shared = settings.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key.Replace(":", "__"), kv => kv.Value!);
        shared["Storage__LocalDisk__Root"] = s.Host.Get<Core.DataPaths>().Storage;
        shared["VodManager__SeedDemo"] = "false";
        var nodes = new Dictionary<Process, TempFolder>();
        TempFolder survivor;
        try
        {
            // One after the other: the first node creates Quartz's tables, the second finds them.
            foreach (var (name, folder) in new[] { ("A", folderA), ("B", folderB) })
            {
                nodes[WebHostProcess.StartServer(Node(shared, folder), line => log.Append($"{name}: {line}"))] = folder;
                await s.WaitUntilAsync(async db => await CutScenario.SchedulerNodesAsync(db) == nodes.Count, TimeSpan.FromSeconds(120), log);
            }

            var jobId = await s.EnqueueCutAllAsync(settings);

            // Whichever node took the job is the one running ffmpeg; it dies mid-batch, after its first clip.
            Process? victim = null;
            await s.WaitUntilAsync(async db =>
            {
                victim = nodes.Keys.FirstOrDefault(ProcessTree.RunsFfmpeg);
                return victim is not null
                    && await db.Highlights.CountAsync(h => ids.Contains(h.Id) && h.ClipStatus == ClipStatus.Done) >= 1
                    && await db.Highlights.AnyAsync(h => ids.Contains(h.Id) && h.ClipStatus == ClipStatus.Cutting);
            }, TimeSpan.FromSeconds(120), log);
            ChildProcess.Stop(victim!);
            var failover = Stopwatch.StartNew();
            survivor = nodes.Single(n => n.Key != victim).Value;
            await using (var db = await s.Host.DbAsync())
            {
                Assert.True(await db.Highlights.CountAsync(h => ids.Contains(h.Id) && h.ClipStatus == ClipStatus.Done) < Highlights, "the kill came too late to be mid-batch");
            }

            await s.WaitUntilAsync(async db => await db.Jobs.AnyAsync(j => j.Id == jobId && (j.Status == JobStatus.Succeeded || j.Status == JobStatus.Failed)), TimeSpan.FromSeconds(180), log);
            output.WriteLine($"failover: node killed -> batch finished on the other node in {failover.Elapsed.TotalSeconds:0.0} s");
            await using (var db = await s.Host.DbAsync())
            {
                var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
                Assert.True(job.Status == JobStatus.Succeeded, $"job {job.Status}: {job.Error}\n{log}");
            }
        }
        finally
        {
            foreach (var node in nodes.Keys)
            {
                ChildProcess.Stop(node);
            }
        }

        var clips = await s.ClipRowsAsync();
        Assert.Equal(ids.Order(), clips.Select(c => c.HighlightId!.Value).Order());
        Assert.All(clips, c => Assert.Equal(VodStatus.Stored, c.Status));
        Assert.Equal(clips.Count, clips.Select(c => c.ExternalId).Distinct().Count());
        await s.AssertNothingLeftBehindAsync();
        Assert.Empty(CutScenario.FilesUnder(Path.Combine(survivor.Path, "tmp")));
    }

    private static Dictionary<string, string> Node(Dictionary<string, string> shared, TempFolder folder) =>
        new(shared) { ["VodManager__DataFolder"] = folder.Path };
}
