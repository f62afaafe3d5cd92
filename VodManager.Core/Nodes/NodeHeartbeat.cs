using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VodManager.Core.Nodes;

/// <summary>
/// Takes this node's lease when it starts (after migration, before any job can run) and renews it every
/// Nodes:HeartbeatInterval; a clean stop gives it up. A renewal that fails is logged and tried again next beat: the
/// lease outlives a few missed ones. A node whose clock is too far from the database server's does not take a lease
/// (<see cref="NodeClock"/>); one whose clock drifts that far later is logged at each change.
/// </summary>
public sealed class NodeHeartbeat(NodeLeases leases, NodeClock clock, LocalNode node, IOptions<NodeOptions> options, ILogger<NodeHeartbeat> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _stopGate = new();
    private Task _beating = Task.CompletedTask;
    private Task? _stop;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_beating.IsCompleted)
        {
            return;
        }

        if (await clock.MeasureAsync(cancellationToken) is { TooFar: true } reading)
        {
            throw new InvalidOperationException(
                $"Node {node.Id} did not start: {reading.Describe()}. Leases and job claims are compared across the nodes' clocks, "
                + "so it would take over live work or keep dead work; synchronise this machine's clock (NTP) and start it again.");
        }

        await leases.RenewAsync(cancellationToken);
        logger.LogInformation("Node {NodeId} on {Host} (process {ProcessId}) took its lease", node.Id, node.Host, node.ProcessId);
        _beating = BeatAsync(_stopping.Token);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // Stopped more than once, and at once: a test factory stops the host while the app's own RunAsync, seeing the
        // stop, stops it too and then disposes the services. Every caller waits for the one stop, so the lease is given
        // up before anything it needs is disposed.
        lock (_stopGate)
        {
            return _stop ??= StopOnceAsync(cancellationToken);
        }
    }

    /// <summary>
    /// A host that was never stopped (the CLI), or whose services go before its stop (a test factory's dispose stops a
    /// host whose provider has gone), ends the beat here and leaves the lease to lapse; a stop still running ends on its own.
    /// </summary>
    public void Dispose()
    {
        Task stop;
        lock (_stopGate)
        {
            stop = _stop ??= EndBeat();
        }

        if (stop.IsCompleted)
        {
            _stopping.Dispose();
        }
    }

    private Task EndBeat()
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
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

    private async Task CheckClockAsync(CancellationToken stopping)
    {
        var wasTooFar = clock.Last?.TooFar ?? false;
        if (await clock.MeasureAsync(stopping) is not { } reading || reading.TooFar == wasTooFar)
        {
            return;
        }

        if (reading.TooFar)
        {
            logger.LogError("Node {NodeId}: {Clock}; other nodes may take over its work or it theirs until its clock is synchronised", node.Id, reading.Describe());
        }
        else
        {
            logger.LogInformation("Node {NodeId}: clock back in step, {Clock}", node.Id, reading.Describe());
        }
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
                    await CheckClockAsync(stopping);
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
