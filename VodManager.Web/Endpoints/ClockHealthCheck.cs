using Microsoft.Extensions.Diagnostics.HealthChecks;
using VodManager.Core.Nodes;

namespace VodManager.Web.Endpoints;

/// <summary>This node's clock against the database server's, as its heartbeat last read it (<see cref="NodeClock"/>).</summary>
public sealed class ClockHealthCheck(NodeClock clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(clock.Last switch
        {
            null => HealthCheckResult.Healthy("one machine's clock (embedded database)"),
            { TooFar: true } reading => HealthCheckResult.Unhealthy(reading.Describe()),
            var reading => HealthCheckResult.Healthy(reading.Describe()),
        });
}
