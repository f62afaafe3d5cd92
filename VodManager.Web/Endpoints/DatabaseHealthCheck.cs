using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;

namespace VodManager.Web.Endpoints;

public sealed class DatabaseHealthCheck(IDbContextFactory<VodDbContext> dbFactory, IOptions<DatabaseOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var accounts = await db.Accounts.CountAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{options.Value.Provider}: {accounts} accounts");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"{options.Value.Provider}: {e.Message}");
        }
    }
}
