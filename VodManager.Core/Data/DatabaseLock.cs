using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VodManager.Core.Data;

/// <summary>
/// An exclusive lock across every node on the database, for start-up work that must run once when several nodes
/// start together (migrations, the demo seed). The server databases hold it on their session (PostgreSQL advisory
/// lock, SQL Server application lock), so a node that dies releases it with its connection; SQLite serves one
/// machine, where a lock file in the data folder does the same.
/// </summary>
public sealed class DatabaseLock(IDbContextFactory<VodDbContext> dbFactory, IOptions<DatabaseOptions> options, DataPaths paths)
{
    private static readonly TimeSpan FileRetry = TimeSpan.FromMilliseconds(200);

    /// <summary>Waits until the lock is free and takes it; dispose the result to release it.</summary>
    public Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken cancellationToken) =>
        options.Value.IsServer ? AcquireOnServerAsync(name, cancellationToken) : AcquireFileAsync(name, cancellationToken);

    private async Task<IAsyncDisposable> AcquireOnServerAsync(string name, CancellationToken cancellationToken)
    {
        var (acquire, release) = Statements(options.Value.Provider);
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        try
        {
            await EnsureDatabaseExistsAsync(db, cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);

            // No command timeout: the holder may be seeding the demo for minutes; start-up's token still ends the wait.
            db.Database.SetCommandTimeout(TimeSpan.Zero);
            await db.Database.ExecuteSqlRawAsync(acquire, [name], cancellationToken);
            return new Held(async () =>
            {
                await using (db)
                {
                    // A pooled connection keeps its session, and with it a session lock: release it explicitly.
                    await db.Database.ExecuteSqlRawAsync(release, [name], CancellationToken.None);
                    await db.Database.CloseConnectionAsync();
                }
            });
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>The only provider-specific part: the same session-owned exclusive lock, in each engine's words.</summary>
    private static (string Acquire, string Release) Statements(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.PostgreSql => ("SELECT pg_advisory_lock(hashtext({0}))", "SELECT pg_advisory_unlock(hashtext({0}))"),
        DatabaseProvider.SqlServer => (
            "EXEC sp_getapplock @Resource = {0}, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = -1",
            "EXEC sp_releaseapplock @Resource = {0}, @LockOwner = 'Session'"),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "not a server database"),
    };

    /// <summary>
    /// Migrations used to create a missing server database; the lock needs a connection to it first. Two nodes may
    /// both find it missing: the one that loses the race to create it finds it there. Its failed CREATE DATABASE is
    /// logged at Debug, so a first start of two nodes reports no error; a real failure still ends start-up with its
    /// exception.
    /// </summary>
    private static async Task EnsureDatabaseExistsAsync(VodDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await using var quiet = QuietOnCommandError(db);
            await quiet.GetService<IRelationalDatabaseCreator>().CreateAsync(cancellationToken);
        }
        catch (Exception)
        {
            if (!await creator.ExistsAsync(cancellationToken))
            {
                throw;
            }
        }
    }

    /// <summary>The same context with the same options, but a failed command logged at Debug.</summary>
    private static VodDbContext QuietOnCommandError(VodDbContext db)
    {
        var options = new DbContextOptionsBuilder(db.GetService<IDbContextOptions>() as DbContextOptions
                ?? throw new InvalidOperationException("the context has no options"))
            .ConfigureWarnings(w => w.Log((RelationalEventId.CommandError, LogLevel.Debug)))
            .Options;
        return (VodDbContext)Activator.CreateInstance(db.GetType(), options)!;
    }

    private async Task<IAsyncDisposable> AcquireFileAsync(string name, CancellationToken cancellationToken)
    {
        // Null while another process on this data folder holds it.
        FileStream? file;
        while ((file = paths.TryLock(name)) is null)
        {
            await Task.Delay(FileRetry, cancellationToken);
        }

        return new Held(() => file.DisposeAsync());
    }

    private sealed class Held(Func<ValueTask> release) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => release();
    }
}
