using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VodManager.Core;
using VodManager.Core.Accounts;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Storage;

namespace VodManager.Benchmarks;

/// <summary>Core services as the benchmarks run them (<see cref="CoreServices"/>), migrated and checked like a start-up, and their accounts and streams.</summary>
internal static class BenchmarkHost
{
    /// <param name="configure">Adds to the services, e.g. the job handlers, for a benchmark whose work queues jobs as the app's does.</param>
    public static ServiceProvider Build(string dataFolder, IReadOnlyDictionary<string, string?>? settings = null, bool appSettings = false, Action<IServiceCollection>? configure = null)
    {
        var services = CoreServices.Create(dataFolder, settings, appSettings);
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>What the app's start-up does before anything is stored: data folder and storage checked, database migrated.</summary>
    public static async Task PrepareAsync(ServiceProvider services, CancellationToken cancellationToken)
    {
        await CoreServices.MigrateAsync(services, cancellationToken);
        await services.GetRequiredService<IVodStorage>().CheckHealthAsync(cancellationToken);
    }

    /// <summary>Stores a paid benchmark account with room for what a run stores; <paramref name="configure"/> sets anything else.</summary>
    public static async Task<int> AddAccountAsync(ServiceProvider services, string name, long quotaBytes, CancellationToken cancellationToken, Action<Account>? configure = null)
    {
        var account = new Account { Name = name, Plan = AccountPlan.Paid, QuotaBytes = quotaBytes, CreatedAt = DateTime.UtcNow };
        configure?.Invoke(account);
        await using var db = await services.GetRequiredService<IDbContextFactory<VodDbContext>>().CreateDbContextAsync(cancellationToken);
        db.Accounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        return account.Id;
    }

    public static async Task<LiveStream> AddStreamAsync(ServiceProvider services, int accountId, string title, CancellationToken cancellationToken)
    {
        var stream = new LiveStream { AccountId = accountId, Channel = "bench", Title = title, StartedAt = DateTime.UtcNow, CreatedAt = DateTime.UtcNow };
        await using var db = await services.GetRequiredService<IDbContextFactory<VodDbContext>>().CreateDbContextAsync(cancellationToken);
        db.Streams.Add(stream);
        await db.SaveChangesAsync(cancellationToken);
        return stream;
    }
}
