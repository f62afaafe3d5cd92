using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VodManager.Core;
using VodManager.Core.Data;

namespace VodManager.Tests.Fixtures;

/// <summary>
/// An empty SQLite database with every migration applied, made once per test run by the start-up migration itself.
/// A test host starts from a copy of it instead of from nothing: applying the migrations took ~170 ms of CPU per
/// host, a few hundred hosts a run. The host's own start-up migration still runs on the copy (and finds nothing
/// pending), so a migration the copy lacked would be applied as in the app, not skipped.
/// </summary>
internal static class MigratedSqlite
{
    private static readonly Lazy<Task<string>> Template = new(CreateAsync);

    /// <summary>
    /// Puts the migrated database where <paramref name="services"/> will open it, when they use SQLite at the data
    /// folder's default path and no host made it there before (a second node on the same folder).
    /// </summary>
    public static async Task CopyForAsync(IServiceProvider services)
    {
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (database.Provider != DatabaseProvider.Sqlite || !string.IsNullOrWhiteSpace(database.ConnectionString))
        {
            return;
        }

        var target = services.GetRequiredService<DataPaths>().Database;
        if (File.Exists(target))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(await Template.Value, target);
    }

    private static async Task<string> CreateAsync()
    {
        await using var services = CoreServices.Create(RunFolder.Get("migrated-sqlite")).BuildServiceProvider();
        await CoreServices.MigrateAsync(services, CancellationToken.None);
        var path = services.GetRequiredService<DataPaths>().Database;
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var checkpoint = connection.CreateCommand();
        // Pooled connections keep the write-ahead log open: everything goes into the main file, the one file copied.
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await checkpoint.ExecuteNonQueryAsync();
        return path;
    }
}
