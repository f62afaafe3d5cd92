using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;

namespace VodManager.Core;

/// <summary>Brings the database up to the code's schema before a host uses it: the web host under the start-up lock, the CLI before a verb.</summary>
public sealed class DatabaseStartup(IDbContextFactory<VodDbContext> dbFactory, IOptions<DatabaseOptions> database, DatabaseLock databaseLock, ILogger<DatabaseStartup> logger)
{
    private const string LockName = "vodmanager-startup";

    /// <summary>
    /// Takes the start-up lock, then migrates; the caller does the rest of its once-per-database work (the job store's
    /// tables, the key ring, the demo seed) before disposing the result, which releases the lock. Nodes starting
    /// together on one database take turns, so each of those is made once.
    /// </summary>
    public async Task<IAsyncDisposable> MigrateExclusivelyAsync(CancellationToken cancellationToken)
    {
        var held = await databaseLock.AcquireAsync(LockName, cancellationToken);
        try
        {
            await MigrateAsync(cancellationToken);
            return held;
        }
        catch
        {
            await held.DisposeAsync();
            throw;
        }
    }

    /// <summary>Applies pending migrations (SQLite in WAL mode first).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (database.Value.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the editor read while a job writes, and keeps a job's progress write and an import's commit
            // from waiting on each other for the whole busy timeout.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // Npgsql learns that the history table is missing by querying it, which EF logs as a failed command: an
        // error in every fresh database's first start. Made first (under the start-up lock), it is never missing.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        logger.LogInformation("Applying {Count} database migrations", pending.Count);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
