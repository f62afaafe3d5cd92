using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VodManager.Core;
using VodManager.Core.Cutting;
using VodManager.Core.Data.Entities;
using VodManager.Core.Export;
using VodManager.Core.Nodes;
using VodManager.Core.Refinement;
using VodManager.Core.Storage;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Nodes;

/// <summary>
/// Two nodes on one database and one data folder: node B's start-up sweeps (cuts, source copies, partial writes,
/// exports, refinement audio) leave node A's work alone while A's lease lives, and remove it once the lease lapsed.
/// </summary>
public abstract class NodeLeaseSweepTests
{
    protected abstract DatabaseEngine Engine { get; }

    [Fact]
    public async Task A_live_node_keeps_its_work_through_another_nodes_sweeps_past_its_first_lease()
    {
        // Twenty beats per lease: a loaded machine may delay a few renewals, never enough to let a live node lapse.
        var settings = await TestDatabase.SettingsAsync(Engine, Lease("00:00:04"));
        await using var a = await CoreHost.StartAsync(settings);
        var first = await LeaseOfAsync(a);
        var work = await PlaceWorkAsync(a, a.Get<LocalNode>().Id);
        var dead = await PlaceWorkAsync(a, "a-node-that-died");
        await using var b = await SecondNodeAsync(a, settings);

        // A's first lease has lapsed: only its heartbeat's renewals keep it alive now.
        await Wait.UntilAsync(() => DateTime.UtcNow > first.ExpiresAt.AddMilliseconds(200), "A's first lease never lapsed");
        await SweepAsync(b);

        Assert.All(work, f => Assert.True(File.Exists(f), $"B's sweep removed live node A's {f}"));
        Assert.All(dead, f => Assert.False(File.Exists(f), $"B's sweep left a dead node's {f}"));
        Assert.True((await LeaseOfAsync(a)).ExpiresAt > first.ExpiresAt, "A's heartbeat did not renew its lease");
    }

    [Fact]
    public async Task A_node_that_stopped_renewing_has_its_work_swept_once_its_lease_lapsed()
    {
        var settings = await TestDatabase.SettingsAsync(Engine, Lease("00:00:08"));
        await using var a = await CoreHost.StartAsync(settings, WithoutHeartbeat);
        await using var b = await SecondNodeAsync(a, settings);
        var work = await PlaceWorkAsync(a, a.Get<LocalNode>().Id);

        // A takes one lease and then, like a frozen or killed node, never renews it; B sweeps at once.
        await a.Get<NodeLeases>().RenewAsync(CancellationToken.None);
        var lease = await LeaseOfAsync(a);
        await SweepAsync(b);
        Assert.True(DateTime.UtcNow < lease.ExpiresAt, "the machine was too slow to sweep within A's lease; the first half proves nothing");
        Assert.All(work, f => Assert.True(File.Exists(f), $"B's sweep removed {f} while A's lease lived"));

        await Wait.UntilAsync(() => DateTime.UtcNow > lease.ExpiresAt, "A's lease never lapsed", TimeSpan.FromSeconds(30));
        await SweepAsync(b);

        Assert.All(work, f => Assert.False(File.Exists(f), $"B's sweep left {f} of A, whose lease lapsed"));
        await using var db = await b.DbAsync();
        Assert.False(await db.ClusterNodes.AnyAsync(n => n.Id == a.Get<LocalNode>().Id), "A's dead lease stayed in the table");
        Assert.True(await db.ClusterNodes.AnyAsync(n => n.Id == b.Get<LocalNode>().Id), "B holds no lease");
    }

    [Fact]
    public async Task A_lease_of_a_process_gone_from_this_host_is_dead_before_it_lapses()
    {
        var settings = await TestDatabase.SettingsAsync(Engine, Lease("01:00:00"));
        await using var b = await CoreHost.StartAsync(settings);
        using (var exited = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!)
        {
            await exited.WaitForExitAsync();
            await using var db = await b.DbAsync();
            db.ClusterNodes.Add(new ClusterNode
            {
                Id = "previousrun", Machine = b.Get<LocalNode>().Host, ProcessId = exited.Id,
                StartedAt = DateTime.UtcNow.AddMinutes(-1), ExpiresAt = DateTime.UtcNow.AddHours(1),
            });
            await db.SaveChangesAsync();
        }

        var leftovers = await PlaceWorkAsync(b, "previousrun");
        await SweepAsync(b);

        Assert.All(leftovers, f => Assert.False(File.Exists(f), $"the previous run's {f} stayed until its lease would lapse"));
    }

    [Fact]
    public async Task A_lease_of_a_killed_process_not_yet_reaped_is_dead_before_it_lapses()
    {
        var settings = await TestDatabase.SettingsAsync(Engine, Lease("01:00:00"));
        await using var b = await CoreHost.StartAsync(settings);

        // The shell becomes a sleep that never waits for its background child, which then exits: a zombie.
        using var parent = Process.Start(new ProcessStartInfo("bash", ["-c", "sleep 0.5 & echo $!; exec sleep 60"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        try
        {
            var zombie = int.Parse((await parent.StandardOutput.ReadLineAsync())!, System.Globalization.CultureInfo.InvariantCulture);
            await Wait.UntilAsync(() => File.ReadAllText($"/proc/{zombie}/stat").Contains(") Z "), "the child never became a zombie", TimeSpan.FromSeconds(10));
            await using (var db = await b.DbAsync())
            {
                db.ClusterNodes.Add(new ClusterNode
                {
                    Id = "killednode", Machine = b.Get<LocalNode>().Host, ProcessId = zombie,
                    StartedAt = DateTime.UtcNow, ExpiresAt = DateTime.UtcNow.AddHours(1),
                });
                await db.SaveChangesAsync();
            }

            var leftovers = await PlaceWorkAsync(b, "killednode");
            await SweepAsync(b);

            Assert.All(leftovers, f => Assert.False(File.Exists(f), $"the killed node's {f} stayed because its process was not reaped yet"));
        }
        finally
        {
            parent.Kill();
        }
    }

    private static Dictionary<string, string?> Lease(string duration) => new(Export.ExportScenario.ProfileSettings())
    {
        ["Nodes:HeartbeatInterval"] = "00:00:00.2",
        ["Nodes:LeaseDuration"] = duration,
    };

    private static void WithoutHeartbeat(IServiceCollection services) =>
        services.Remove(services.Single(d => d.ImplementationType == typeof(NodeHeartbeat)));

    /// <summary>Node B: another process's services on A's database and data folder (and so A's temp and storage folders).</summary>
    private static Task<CoreHost> SecondNodeAsync(CoreHost a, Dictionary<string, string?> settings) =>
        CoreHost.StartAsync(new Dictionary<string, string?>(settings) { ["VodManager:DataFolder"] = a.DataFolder });

    private static async Task<ClusterNode> LeaseOfAsync(CoreHost host)
    {
        await using var db = await host.DbAsync();
        var id = host.Get<LocalNode>().Id;
        return await db.ClusterNodes.AsNoTracking().SingleAsync(n => n.Id == id);
    }

    /// <summary>A file in each place a node's work lives, as the node with that id writes it.</summary>
    private static async Task<IReadOnlyList<string>> PlaceWorkAsync(CoreHost host, string nodeId)
    {
        var files = new List<string>
        {
            Path.Combine(host.Get<WorkAreas>().Cuts.Root, nodeId, "h1-x", "clip.mp4"),
            Path.Combine(host.Get<WorkAreas>().Exports.Root, nodeId, "c1-x", "graph.txt"),
            Path.Combine(host.Get<WorkAreas>().Refine.Root, nodeId, "window-1.wav"),
            Path.Combine(((LocalDiskStorage)host.Get<IVodStorage>()).Root, "accounts", "1", "clips", $"h1.mp4.{nodeId}.{Guid.NewGuid():N}{LocalDiskStorage.PartialSuffix}"),
        };
        foreach (var file in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, "work in progress");
        }

        return files;
    }

    private static async Task SweepAsync(CoreHost node)
    {
        await node.Get<CutRecoverySweep>().RunAsync((_, _) => Task.FromResult(false), CancellationToken.None);
        await node.Get<ExportRecoverySweep>().RunAsync(CancellationToken.None);
        await node.Get<RefinementSources>().PurgeAsync(CancellationToken.None);
    }

    public sealed class OnSqlite : NodeLeaseSweepTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.Sqlite;
    }

    [Trait(Speed.Name, Speed.Slow)]
    public sealed class OnPostgreSql : NodeLeaseSweepTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.PostgreSql;
    }
}
