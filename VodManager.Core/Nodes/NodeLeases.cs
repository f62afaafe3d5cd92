using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Nodes;

/// <summary>
/// Each process's lease in the ClusterNodes table. A node renews it every Nodes:HeartbeatInterval; one whose lease
/// lapsed is dead. On its own host a node knows more: a process id that no longer runs (or now belongs to a process
/// started after the lease was taken) is dead at once, so a restarted single node sweeps its previous run's leftovers
/// as it always did, without waiting for the lease.
/// </summary>
public sealed class NodeLeases(IDbContextFactory<VodDbContext> dbFactory, LocalNode node, IOptions<NodeOptions> options, TimeProvider time)
{
    /// <summary>Process start times and lease times come from different clocks; this much apart still counts as the same process.</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(1);

    /// <summary>Takes or extends this node's lease.</summary>
    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var expires = now + options.Value.LeaseDuration;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.ClusterNodes.Where(n => n.Id == node.Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.ExpiresAt, expires), cancellationToken) > 0)
        {
            return;
        }

        db.ClusterNodes.Add(new ClusterNode { Id = node.Id, Machine = node.Host, ProcessId = node.ProcessId, StartedAt = now, ExpiresAt = expires });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Gives the lease up on a clean stop: the node's work is finished, nothing of it needs to wait for the lease.</summary>
    public async Task EndAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.ClusterNodes.Where(n => n.Id == node.Id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Who is alive now; dead nodes' rows are dropped on the way (an unknown id counts as dead all the same).</summary>
    public async Task<NodeCensus> CensusAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ClusterNodes.AsNoTracking().ToListAsync(cancellationToken);
        var dead = rows.Where(r => r.Id != node.Id && !IsAlive(r, now)).Select(r => r.Id).ToList();
        if (dead.Count > 0)
        {
            await db.ClusterNodes.Where(n => dead.Contains(n.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        return new NodeCensus(node.Id, rows.Select(r => r.Id).Except(dead).ToHashSet(StringComparer.Ordinal));
    }

    private bool IsAlive(ClusterNode row, DateTime now) =>
        row.ExpiresAt > now && (row.Machine != node.Host || ProcessRuns(row.ProcessId, row.StartedAt));

    private static bool ProcessRuns(int processId, DateTime leaseTakenAt)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !HasExited(processId) && process.StartTime.ToUniversalTime() <= leaseTakenAt + ClockSlack;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>
    /// A killed process whose parent has not reaped it yet (a zombie; slow in a container whose init reaps late) still
    /// has its process id and start time, yet it will never touch its work again.
    /// </summary>
    private static bool HasExited(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            return stat[stat.LastIndexOf(')') + 2] is 'Z' or 'X';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            // No /proc (not Linux) or the process is gone already: the process-id check decides.
            return false;
        }
    }
}
