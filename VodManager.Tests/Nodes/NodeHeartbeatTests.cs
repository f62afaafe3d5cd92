using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using VodManager.Core.Nodes;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Nodes;

/// <summary>A node's lease through a web host's shutdown, on real SQLite.</summary>
public sealed class NodeHeartbeatTests
{
    [Fact]
    public async Task Stopped_twice_and_disposed_at_once_a_node_gives_its_lease_up_and_nothing_throws()
    {
        await using var host = await CoreHost.StartAsync();
        var heartbeat = host.Get<IEnumerable<IHostedService>>().OfType<NodeHeartbeat>().Single();
        var id = host.Get<LocalNode>().Id;
        await using (var db = await host.DbAsync())
        {
            Assert.True(await db.ClusterNodes.AnyAsync(n => n.Id == id), "the node took no lease");
        }

        // What a web host does on shutdown: the test factory's stop and the app's own RunAsync stop it together, and
        // RunAsync disposes the services as soon as its own stop returns.
        var first = heartbeat.StopAsync(CancellationToken.None);
        var second = heartbeat.StopAsync(CancellationToken.None);
        heartbeat.Dispose();

        Assert.Null(await Record.ExceptionAsync(() => Task.WhenAll(first, second)));
        await using (var db = await host.DbAsync())
        {
            Assert.False(await db.ClusterNodes.AnyAsync(n => n.Id == id), "the stopped node kept its lease");
        }
    }

    [Fact]
    public async Task Disposed_before_any_stop_the_node_leaves_its_lease_to_lapse_and_a_later_stop_does_nothing()
    {
        await using var host = await CoreHost.StartAsync();
        var heartbeat = host.Get<IEnumerable<IHostedService>>().OfType<NodeHeartbeat>().Single();
        var id = host.Get<LocalNode>().Id;

        heartbeat.Dispose();
        await heartbeat.StopAsync(CancellationToken.None);

        await using var db = await host.DbAsync();
        Assert.True(await db.ClusterNodes.AnyAsync(n => n.Id == id), "a node whose services went first gave its lease up through them");
    }
}
