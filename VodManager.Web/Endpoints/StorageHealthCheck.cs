using Microsoft.Extensions.Diagnostics.HealthChecks;
using VodManager.Core.Storage;

namespace VodManager.Web.Endpoints;

public sealed class StorageHealthCheck(IVodStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.CheckHealthAsync(cancellationToken);
            return HealthCheckResult.Healthy(storage.Name);
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"{storage.Name}: {e.Message}");
        }
    }
}
