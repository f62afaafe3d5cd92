using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using VodManager.Core.Data;

namespace VodManager.Tests.Fixtures;

/// <summary>
/// One private PostgreSQL server for the whole test run (Debian's `postgresql` package), in a temp folder on a free
/// port, started on first use and stopped when the test process exits. Each test gets its own database, copied
/// from a template that holds the current migrations, so a test starts on the real schema in milliseconds.
/// </summary>
public sealed class Postgres
{
    private const string Template = "vodmanager_template";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Postgres? _instance;
    private readonly string _folder;

    private Postgres(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    private string DataFolder => Path.Combine(_folder, "data");

    public static async Task<Postgres> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _instance ??= await StartAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

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

    private static async Task<Postgres> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order().LastOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed under /usr/lib/postgresql; run scripts/setup.sh.");
        }

        var folder = Path.Combine(Path.GetTempPath(), $"vodmanager-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var port = FreePort.Next();
        var server = new Postgres(folder, port);
        var pgCtl = Path.Combine(bin, "pg_ctl");
        var stop = $"{AsServer(pgCtl)} -D '{server.DataFolder}' -m immediate stop; rm -rf '{folder}'";

        // The server refuses to run as root: as root it runs as the package's `postgres` user, who must own the folder.
        await RunAsync("/bin/bash", ["-c", Environment.UserName == "root" ? $"chown postgres: '{folder}'" : "true"]);
        await RunAsync("/bin/bash", ["-c", $"{AsServer(Path.Combine(bin, "initdb"))} -D '{server.DataFolder}' -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8"]);

        // Tuned for throwaway data: no fsync, and room for many pooled connections from parallel test classes.
        var options = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400";
        await RunAsync("/bin/bash", ["-c", $"{AsServer(pgCtl)} -D '{server.DataFolder}' -l '{folder}/server.log' -o '{options}' -w -t 120 start"]);

        // Stopped and removed on a normal exit, and by a watchdog if the test process is killed.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Process.Start("/bin/bash", ["-c", stop])?.WaitForExit(30_000);
        Process.Start("/bin/bash", ["-c", $"(while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; {stop}) >/dev/null 2>&1 &"])?.WaitForExit();

        await server.ExecuteAsync($"CREATE DATABASE {Template}");
        var template = new DbContextOptionsBuilder<PostgreSqlVodDbContext>().UseNpgsql(server.ConnectionString(Template) + ";Pooling=false").Options;
        await using (var db = new PostgreSqlVodDbContext(template))
        {
            await db.Database.MigrateAsync();
        }

        return server;
    }

    private static string AsServer(string binary) => Environment.UserName == "root" ? $"runuser -u postgres -- '{binary}'" : $"'{binary}'";

    private static async Task RunAsync(string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var log = await output + await error;
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"PostgreSQL set-up failed ({string.Join(' ', info.ArgumentList)}), exit {process.ExitCode}: {log}"));
        }
    }
}
