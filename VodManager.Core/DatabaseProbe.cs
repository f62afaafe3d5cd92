using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;

namespace VodManager.Core;

/// <summary>The health check's question to the database: does it answer a query, and how many accounts it holds.</summary>
public sealed class DatabaseProbe(IDbContextFactory<VodDbContext> dbFactory, IOptions<DatabaseOptions> options)
{
    public async Task<DatabaseStatus> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var accounts = await db.Accounts.CountAsync(cancellationToken);
            return new DatabaseStatus(true, $"{options.Value.Provider}: {accounts} accounts");
        }
        catch (Exception e)
        {
            return new DatabaseStatus(false, $"{options.Value.Provider}: {e.Message}");
        }
    }
}
