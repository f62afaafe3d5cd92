using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VodManager.Core;
using VodManager.Core.Accounts;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Jobs;
using VodManager.Core.Storage;

namespace VodManager.Benchmarks;

/// <summary>Core services as the benchmarks run them: outside the web app, on a temp data folder, migrated and checked like a start-up.</summary>
internal static class BenchmarkHost
{
    /// <param name="settings">Overrides ("Section:Key" → value) on top of the defaults, or on top of the app's appsettings.json.</param>
    /// <param name="appSettings">Read the repository's appsettings.json first, so what ships is what is measured.</param>
    public static ServiceProvider Build(string dataFolder, IReadOnlyDictionary<string, string?>? settings = null, bool appSettings = false)
    {
        var builder = new ConfigurationBuilder();
        if (appSettings)
        {
            builder.AddJsonFile(Path.Combine(RepositoryRoot(), "appsettings.json"), optional: false);
        }

        var configuration = builder
            .AddInMemoryCollection(new Dictionary<string, string?> { ["VodManager:DataFolder"] = dataFolder, ["VodManager:SeedDemo"] = "false" })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddVodManagerCore(configuration);

        // Imports ask for their indexing job; without the web app's handlers that is a logged no-op (benchmarks index themselves).
        services.AddSingleton<IJobQueue, InlineJobQueue>();
        return services.BuildServiceProvider();
    }

    /// <summary>What the app's start-up does before anything is stored: data folder and storage checked, database migrated.</summary>
    public static async Task PrepareAsync(ServiceProvider services, CancellationToken cancellationToken)
    {
        services.GetRequiredService<DataPaths>().EnsureWritable();
        await services.GetRequiredService<IVodStorage>().CheckHealthAsync(cancellationToken);
        await using var db = await services.GetRequiredService<IDbContextFactory<VodDbContext>>().CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
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

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VodManager.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmark from the repository (VodManager.sln not found).");
    }
}
