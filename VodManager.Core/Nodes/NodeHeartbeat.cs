using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VodManager.Core.Nodes;

/// <summary>
/// Takes this node's lease when it starts (after migration, before any job can run) and renews it every
/// Nodes:HeartbeatInterval; a clean stop gives it up. A renewal that fails is logged and tried again next beat: the
/// lease outlives a few missed ones.
/// </summary>
public sealed class NodeHeartbeat(NodeLeases leases, LocalNode node, IOptions<NodeOptions> options, ILogger<NodeHeartbeat> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _beating = Task.CompletedTask;
    private int _ended;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_beating.IsCompleted)
        {
            return;
        }

        await leases.RenewAsync(cancellationToken);
        logger.LogInformation("Node {NodeId} on {Host} (process {ProcessId}) took its lease", node.Id, node.Host, node.ProcessId);
        _beating = BeatAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host may dispose its services before it is stopped (a test factory's dispose stops a host whose
        // provider has gone): the beat has ended then, and the lease is left to lapse.
        if (Interlocked.Exchange(ref _ended, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _beating;
        try
        {
            await leases.EndAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Node {NodeId} could not give up its lease; it lapses in {Lease}", node.Id, options.Value.LeaseDuration);
        }
    }

    /// <summary>A host that was never stopped (the CLI) ends the beat; the lease is left to lapse.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            _stopping.Cancel();
        }

        _stopping.Dispose();
    }

    private async Task BeatAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                try
                {
                    await leases.RenewAsync(stopping);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Node {NodeId} could not renew its lease; trying again in {Interval}", node.Id, options.Value.HeartbeatInterval);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
