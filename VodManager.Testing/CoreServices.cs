using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VodManager.Core;
using VodManager.Core.Jobs;

namespace VodManager.Testing;

/// <summary>Core's real services outside the web app, as tests and benchmarks run them: on a given data folder, jobs run inline, no demo.</summary>
public static class CoreServices
{
    /// <param name="settings">Overrides ("Section:Key" → value) on top of the defaults, or on top of the app's appsettings.json.</param>
    /// <param name="appSettings">Read the repository's appsettings.json first, so what ships is what runs.</param>
    public static ServiceCollection Create(string dataFolder, IEnumerable<KeyValuePair<string, string?>>? settings = null, bool appSettings = false)
    {
        var builder = new ConfigurationBuilder();
        if (appSettings)
        {
            builder.AddJsonFile(Path.Combine(RepoPaths.Root, "appsettings.json"), optional: false);
        }

        var values = new Dictionary<string, string?> { ["VodManager:DataFolder"] = dataFolder, ["VodManager:SeedDemo"] = "false" };
        var configuration = builder.AddInMemoryCollection(values.Merge(settings)).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddVodManagerCore(configuration);

        // Imports ask for their indexing job; without the web app's handlers that is a logged no-op.
        services.AddSingleton<IJobQueue, InlineJobQueue>();
        return services;
    }

    /// <summary>What the app's start-up does before anything is stored: the data folder checked, the database migrated, SQLite in WAL mode as the app runs it.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        services.GetRequiredService<DataPaths>().EnsureWritable();
        await services.GetRequiredService<DatabaseStartup>().MigrateAsync(cancellationToken);
    }
}
