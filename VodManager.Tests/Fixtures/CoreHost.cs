using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VodManager.Core;
using VodManager.Core.Accounts;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;

namespace VodManager.Tests.Fixtures;

/// <summary>
/// Core's real services over a real SQLite database in a temp data folder (or PostgreSQL, or Azurite storage, when
/// the settings ask): what the app runs, without the web host. Disposing removes the folder (and the database).
/// </summary>
public sealed class CoreHost : IAsyncDisposable
{
    private readonly TempFolder _folder;

    private CoreHost(TempFolder folder, ServiceProvider services)
    {
        _folder = folder;
        Services = services;
    }

    public ServiceProvider Services { get; }

    public TempFolder Folder => _folder;

    public string DataFolder => _folder.Path;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <param name="settings">Extra configuration, e.g. ["Storage:Provider"] = "AzureBlob".</param>
    /// <param name="configure">Extra service registrations (feature services under test).</param>
    public static async Task<CoreHost> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var folder = new TempFolder("core");
        ServiceProvider provider;
        try
        {
            var services = CoreServices.Create(folder.Path, settings);
            configure?.Invoke(services);
            provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        }
        catch
        {
            folder.Dispose(); // a host refused by its settings leaves no folder behind
            throw;
        }

        var host = new CoreHost(folder, provider);
        try
        {
            await MigratedSqlite.CopyForAsync(provider);
            await CoreServices.MigrateAsync(provider, CancellationToken.None);

            // Core's own background services (the Redis progress bus when configured), as the web host starts them.
            foreach (var service in provider.GetServices<IHostedService>())
            {
                await service.StartAsync(CancellationToken.None);
            }
        }
        catch
        {
            await host.DisposeAsync(); // a host that could not start leaves no folder or database behind
            throw;
        }

        return host;
    }

    public async Task<VodDbContext> DbAsync() => await Get<IDbContextFactory<VodDbContext>>().CreateDbContextAsync();

    /// <summary>Gives the stream a start, as an editor typing it does: UTC-stamped chat and EventSub times count from it.</summary>
    public async Task StartStreamAtAsync(int streamId, DateTime startedAt)
    {
        await using var db = await DbAsync();
        await db.Streams.Where(s => s.Id == streamId).ExecuteUpdateAsync(s => s.SetProperty(x => x.StartedAt, startedAt).SetProperty(x => x.StartAssumed, false));
    }

    /// <summary>Another stream of the account, with a start, as the new-stream form makes one.</summary>
    public async Task<LiveStream> AddStreamAsync(int accountId, string title)
    {
        await using var db = await DbAsync();
        var stream = new LiveStream { AccountId = accountId, Channel = "test_channel", Title = title, StartedAt = DateTime.UtcNow, CreatedAt = DateTime.UtcNow };
        db.Streams.Add(stream);
        await db.SaveChangesAsync();
        return stream;
    }

    /// <summary>An account with a stream, on the given plan limits.</summary>
    public async Task<(Account Account, LiveStream Stream)> AddAccountWithStreamAsync(long? quotaBytes = null, int? maxVods = null, bool evict = false, string name = "Test account")
    {
        await using var db = await DbAsync();
        var account = new Account
        {
            Name = name,
            Plan = maxVods is null ? AccountPlan.Paid : AccountPlan.Free,
            QuotaBytes = quotaBytes,
            MaxVodCount = maxVods,
            EvictOldClips = evict,
            CreatedAt = DateTime.UtcNow,
        };
        // Made up like a stream created without a start: the first chat or events file that gives one sets it.
        var stream = new LiveStream { Account = account, Channel = "test_channel", Title = "Test stream", StartedAt = DateTime.UtcNow.AddHours(-2), StartAssumed = true, CreatedAt = DateTime.UtcNow };
        db.Streams.Add(stream);
        await db.SaveChangesAsync();
        return (account, stream);
    }

    public async ValueTask DisposeAsync()
    {
        var database = Get<IOptions<DatabaseOptions>>().Value;
        foreach (var service in Services.GetServices<IHostedService>().Reverse())
        {
            await service.StopAsync(CancellationToken.None);
        }

        await Services.DisposeAsync();
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            await (await Postgres.GetAsync()).DropDatabaseAsync(database.ConnectionString!);
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        _folder.Dispose();
    }
}
