using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;

namespace VodManager.Core.Nodes;

/// <summary>
/// This node's clock against the database server's. Leases, cut and export claims, pins and Quartz's cluster
/// check-ins are times one node writes and every other node compares with its own clock, so a node whose clock is off
/// would take over live work (ahead) or keep dead work (behind). Each node reads the server's clock when it takes its
/// lease and at every heartbeat; a node further off than Nodes:MaxClockSkew does not start, and one that drifts that
/// far later is reported unhealthy. On SQLite every process shares the machine's clock, so there is nothing to compare.
/// </summary>
public sealed class NodeClock(IDbContextFactory<VodDbContext> dbFactory, IOptions<DatabaseOptions> database, IOptions<NodeOptions> options, TimeProvider time)
{
    /// <summary>The last reading; null before the first, and always on SQLite.</summary>
    public ClockReading? Last { get; private set; }

    /// <summary>Reads the server's clock once; null on SQLite.</summary>
    public async Task<ClockReading?> MeasureAsync(CancellationToken cancellationToken)
    {
        if (!database.Value.IsServer)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken); // the round trip timed below is the query's alone
        var query = db.Database.SqlQueryRaw<double>(ServerSecondsQuery(database.Value.Provider));
        var before = time.GetUtcNow();
        var serverSeconds = (await query.ToListAsync(cancellationToken)).Single();
        var after = time.GetUtcNow();

        // The server read its clock somewhere in the round trip: its middle is the best guess, half of it the doubt.
        var halfTrip = (after - before) / 2;
        Last = new ClockReading(DateTimeOffset.UnixEpoch.AddSeconds(serverSeconds) - (before + halfTrip), halfTrip, options.Value.MaxClockSkew);
        return Last;
    }

    /// <summary>The server's UTC clock in seconds since 1970, in each engine's words.</summary>
    private static string ServerSecondsQuery(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.PostgreSql => """SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) AS double precision) AS "Value" """,
        DatabaseProvider.SqlServer => "SELECT CAST(DATEDIFF_BIG(MICROSECOND, '19700101', SYSUTCDATETIME()) AS float) / 1000000 AS [Value]",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "not a server database"),
    };
}

/// <summary>
/// One reading of the clocks: <paramref name="Offset"/> is the server's time less this node's (positive: this node is
/// behind), known to within <paramref name="Uncertainty"/>; more than <paramref name="Allowed"/> apart is too far.
/// </summary>
public sealed record ClockReading(TimeSpan Offset, TimeSpan Uncertainty, TimeSpan Allowed)
{
    /// <summary>How far apart the clocks are at least.</summary>
    public TimeSpan Skew => Offset.Duration() > Uncertainty ? Offset.Duration() - Uncertainty : TimeSpan.Zero;

    public bool TooFar => Skew > Allowed;

    public string Describe() =>
        $"this node's clock is {Offset.Duration().TotalSeconds:0.###} s {(Offset > TimeSpan.Zero ? "behind" : "ahead of")} the database server's "
        + $"(± {Uncertainty.TotalSeconds:0.###} s; Nodes:MaxClockSkew {Allowed.TotalSeconds:0.###} s)";
}
