using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VodManager.Core;
using VodManager.Core.Data;
using VodManager.Core.Nodes;
using VodManager.Tests.Fixtures;
using VodManager.Web.Endpoints;

namespace VodManager.Tests.Nodes;

/// <summary>A node's clock against the real PostgreSQL server's, which every node's leases are compared by.</summary>
public sealed class NodeClockTests
{
    [Fact]
    public async Task A_node_whose_clock_is_ten_minutes_ahead_of_the_database_does_not_start_and_takes_no_lease()
    {
        await using var host = await CoreHost.StartAsync(await Postgres.NewDatabaseSettingsAsync());
        var inStep = host.Get<NodeClock>().Last;
        Assert.NotNull(inStep); // the host's own node read the server's clock when it took its lease
        Assert.False(inStep.TooFar, inStep.Describe());
        Assert.InRange(inStep.Offset.TotalSeconds, -1, 1); // one machine: the server's clock is this one

        var (heartbeat, node, _) = Node(host, new ShiftedTime { Shift = TimeSpan.FromMinutes(10) });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => heartbeat.StartAsync(CancellationToken.None));

        Assert.Matches(@"^Node \w+ did not start: this node's clock is (599\.\d+|600(\.\d+)?) s ahead of the database server's \(± [\d.]+ s; Nodes:MaxClockSkew 5 s\)\. .*synchronise this machine's clock", error.Message);
        await using var db = await host.DbAsync();
        Assert.False(await db.ClusterNodes.AnyAsync(n => n.Id == node.Id), "a node with a wrong clock took a lease");
    }

    [Fact]
    public async Task A_node_whose_clock_drifts_past_the_allowed_skew_is_unhealthy_until_it_is_back_in_step()
    {
        await using var host = await CoreHost.StartAsync(await Postgres.NewDatabaseSettingsAsync());
        var time = new ShiftedTime();
        var (heartbeat, _, clock) = Node(host, time);
        var health = new ClockHealthCheck(clock);
        await heartbeat.StartAsync(CancellationToken.None);
        try
        {
            Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);

            time.Shift = TimeSpan.FromSeconds(-30);
            await WaitForAsync(() => clock.Last is { TooFar: true });
            var drifted = await health.CheckHealthAsync(new HealthCheckContext());
            Assert.Equal(HealthStatus.Unhealthy, drifted.Status);
            Assert.Contains("s behind the database server's", drifted.Description);

            time.Shift = TimeSpan.Zero;
            await WaitForAsync(() => clock.Last is { TooFar: false });
            Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);
        }
        finally
        {
            await heartbeat.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task On_sqlite_every_process_shares_one_clock_and_nothing_is_compared()
    {
        await using var host = await CoreHost.StartAsync();

        Assert.Null(await host.Get<NodeClock>().MeasureAsync(CancellationToken.None));
        var health = await new ClockHealthCheck(host.Get<NodeClock>()).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal((HealthStatus.Healthy, "one machine's clock (embedded database)"), (health.Status, health.Description));
    }

    /// <summary>A second node on the host's database whose clock is <paramref name="time"/>, beating every 200 ms.</summary>
    private static (NodeHeartbeat Heartbeat, LocalNode Node, NodeClock Clock) Node(CoreHost host, TimeProvider time)
    {
        var options = Options.Create(new NodeOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(200), LeaseDuration = TimeSpan.FromSeconds(5) });
        var dbFactory = host.Get<IDbContextFactory<VodDbContext>>();
        var node = new LocalNode();
        var clock = new NodeClock(dbFactory, host.Get<IOptions<DatabaseOptions>>(), options, time);
        return (new NodeHeartbeat(new NodeLeases(dbFactory, node, options, time), clock, node, options, NullLogger<NodeHeartbeat>.Instance), node, clock);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the heartbeat never read the clock again");
            await Task.Delay(50);
        }
    }

    /// <summary>The system clock moved by <see cref="Shift"/>: a machine whose clock is off, or drifts.</summary>
    private sealed class ShiftedTime : TimeProvider
    {
        public TimeSpan Shift { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;
    }
}
