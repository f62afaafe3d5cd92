using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Quartz;
using VodManager.Core;
using VodManager.Core.Refinement;
using VodManager.Core.Storage;
using VodManager.Demo;

namespace VodManager.Web.Hosting;

/// <summary>
/// Runs before the scheduler and the web server start: proves the data folder is writable and storage reachable,
/// migrates the database, and seeds the demo when the database is empty. A bad setting stops start-up here, with
/// a message naming it. Nodes starting together on one database take turns (a database lock), so the migrations,
/// Quartz's tables and the seed are made once; then the window audio of dead nodes' refinement runs goes. On SQLite
/// it first claims the data folder for this editor (<see cref="DataFolderClaim"/>).
/// </summary>
public sealed class StartupTasks(
    DataPaths paths,
    DatabaseStartup database,
    ISchedulerFactory schedulers,
    IDataProtectionProvider dataProtection,
    IVodStorage storage,
    DemoSeeder seeder,
    RefinementSources refinementSources,
    IOptions<VodManagerOptions> options,
    IOptions<DatabaseOptions> databaseOptions) : IHostedService, IDisposable
{
    private static readonly TimeSpan StorageCheckTimeout = TimeSpan.FromSeconds(15);
    private DataFolderClaim? _claim;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        paths.EnsureWritable();
        if (!databaseOptions.Value.IsServer)
        {
            _claim = DataFolderClaim.Take(paths);
        }

        await CheckStorageAsync(storage, cancellationToken);
        await using (await database.MigrateExclusivelyAsync(cancellationToken))
        {
            // Quartz creates its tables when the scheduler is first built (ProvisionSchema). Nodes starting together on
            // an empty server database would otherwise race to create them, each outside the other's transaction.
            await schedulers.GetScheduler(cancellationToken);

            // The first protect creates the key ring when the database has none: under the lock, so nodes starting
            // together on a new database share one key instead of each making its own.
            dataProtection.CreateProtector(nameof(StartupTasks)).Protect([]);
            if (options.Value.SeedDemo)
            {
                await seeder.SeedIfEmptyAsync(cancellationToken);
            }
        }

        await refinementSources.PurgeAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Held until the host is disposed, after the scheduler and the jobs have stopped.
    public void Dispose() => _claim?.Dispose();

    /// <summary>
    /// Storage is reachable, and ready (Blob: the container is created on a new account); otherwise a
    /// <see cref="ConfigurationException"/> naming the setting. The editor's start and every CLI verb run it first.
    /// </summary>
    public static async Task CheckStorageAsync(IVodStorage storage, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StorageCheckTimeout);
        try
        {
            await storage.CheckHealthAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ConfigurationException(
                storage is AzureBlobStorage ? $"{StorageOptions.Section}:AzureBlob:ConnectionString" : $"{StorageOptions.Section}:LocalDisk:Root",
                $"{storage.Name} did not answer within {StorageCheckTimeout.TotalSeconds:0} s.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{StorageOptions.Section}:LocalDisk:Root", $"local storage is not writable: {e.Message}");
        }
    }
}
