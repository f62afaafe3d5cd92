using Microsoft.Extensions.Diagnostics.HealthChecks;
using VodManager.Core;

namespace VodManager.Web.Endpoints;

public sealed class DatabaseHealthCheck(DatabaseProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = await probe.CheckAsync(cancellationToken);
        return status.Reachable ? HealthCheckResult.Healthy(status.Description) : HealthCheckResult.Unhealthy(status.Description);
    }
}
