using Microsoft.EntityFrameworkCore;
using Npgsql;
using VodManager.Core;
using VodManager.Core.Data;

namespace VodManager.Tests.Fixtures;

/// <summary>
/// A private PostgreSQL server (Debian's `postgresql` package). Each test gets its own database, copied from a template
/// that holds the current migrations, so a test starts on the real schema in milliseconds.
/// </summary>
public sealed class Postgres : LoopbackServer<Postgres>
{
    private const string Template = "vodmanager_template";

    private string DataFolder => Path.Combine(Folder, "data");

    private string PgCtl => Path.Combine(Bin, "pg_ctl");

    private static string Bin =>
        (Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order().LastOrDefault()
            : null)
        ?? throw new InvalidOperationException("PostgreSQL is not installed under /usr/lib/postgresql; run scripts/setup.sh.");

    protected override string Name => "PostgreSQL";

    // pg_ctl runs the server as a daemon outside our process group.
    protected override string? ReapCommand => $"{AsServer(PgCtl)} -D '{DataFolder}' -m immediate stop";

    /// <summary>Settings that put a host on a new, migrated database of its own.</summary>
    public static async Task<Dictionary<string, string?>> NewDatabaseSettingsAsync()
    {
        var server = await GetAsync();
        return new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.PostgreSql),
            ["Database:ConnectionString"] = await server.CreateDatabaseAsync(),
        };
    }

    /// <summary>A new database with the current schema; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {Template}");
        return ConnectionString(name);
    }

    /// <summary>Drops a database <see cref="CreateDatabaseAsync"/> made, closing whatever still holds it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            MaxPoolSize = 20, // many hosts share one server in a test run
        }.ToString();

    private async Task ExecuteAsync(string sql)
    {
        // Unpooled: CREATE DATABASE ... TEMPLATE refuses while any session (a pooled one too) is on the template.
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task LaunchAsync()
    {
        // The server refuses to run as root: as root it runs as the package's `postgres` user, who must own the folder.
        if (Environment.UserName == "root")
        {
            await RunAsync($"chown postgres: '{Folder}'");
        }

        await RunAsync($"{AsServer(Path.Combine(Bin, "initdb"))} -D '{DataFolder}' -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8");

        // Tuned for throwaway data: no fsync, and room for many pooled connections from parallel test classes.
        var options = $"-p {Port} -k {Folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400";
        await RunAsync($"{AsServer(PgCtl)} -D '{DataFolder}' -l '{Folder}/server.log' -o '{options}' -w -t 120 start");
    }

    protected override async Task OnReadyAsync()
    {
        await ExecuteAsync($"CREATE DATABASE {Template}");
        var template = new DbContextOptionsBuilder<PostgreSqlVodDbContext>().UseNpgsql(ConnectionString(Template) + ";Pooling=false").Options;
        await using var db = new PostgreSqlVodDbContext(template);
        await db.Database.MigrateAsync();
    }

    private static string AsServer(string binary) => Environment.UserName == "root" ? $"runuser -u postgres -- '{binary}'" : $"'{binary}'";
}
