using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VodManager.Core.Data;

namespace VodManager.Core;

/// <summary>The database behind every Core service, and what the hosts need of it, so no host names an EF type.</summary>
public static class DataServiceCollectionExtensions
{
    /// <summary>The configured provider's context factory, the key ring, the start-up lock and migration, and the health probe.</summary>
    public static IServiceCollection AddVodManagerData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<DatabaseOptions>(configuration, DatabaseOptions.Section);
        var options = configuration.Read<DatabaseOptions>(DatabaseOptions.Section);
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContextFactory<SqliteVodDbContext>((sp, o) => o.UseSqlite(SqliteConnectionString(options, sp.GetRequiredService<DataPaths>())));
                services.AddSingleton<IDbContextFactory<VodDbContext>, ProviderDbContextFactory<SqliteVodDbContext>>();
                break;
            case DatabaseProvider.PostgreSql:
                AddServerDatabase<PostgreSqlVodDbContext>(services, o => o.UseNpgsql(options.ConnectionString, db => db.EnableRetryOnFailure()));
                break;
            case DatabaseProvider.SqlServer:
                AddServerDatabase<SqlServerVodDbContext>(services, o => o.UseSqlServer(options.ConnectionString, db => db.EnableRetryOnFailure()));
                break;
            default:
                throw new ConfigurationException($"{DatabaseOptions.Section}:Provider", $"'{options.Provider}' is not a known provider; use Sqlite, PostgreSql or SqlServer.");
        }

        AddKeyRing(services, configuration);
        services.AddSingleton<DatabaseLock>();
        services.AddSingleton<DatabaseStartup>();
        services.AddSingleton<DatabaseProbe>();
        return services;
    }

    /// <summary>
    /// Cookie, antiforgery, circuit and media-URL keys kept in the database: they survive restarts, so open editors
    /// reconnect instead of failing, and every node (and the CLI) reads what another protected. With a certificate set
    /// (<see cref="KeyRingOptions"/>) they are encrypted there; reading one needs the certificate in hand, as Linux has
    /// no machine store the framework would look in.
    /// </summary>
    private static void AddKeyRing(IServiceCollection services, IConfiguration configuration)
    {
        var ring = services.AddDataProtection().SetApplicationName("VodManager").PersistKeysToDbContext<VodDbContext>();
        var (current, readable) = configuration.Read<KeyRingOptions>(KeyRingOptions.Section).LoadCertificates();
        if (current is not null)
        {
            ring.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([.. readable]);
        }
    }

    /// <summary>
    /// The one registration both server databases share, so their code paths differ only in the provider call; the
    /// call turns on retries, which is why every transaction goes through <see cref="DbTransactions"/>.
    /// </summary>
    private static void AddServerDatabase<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder> useProvider)
        where TContext : VodDbContext
    {
        services.AddDbContextFactory<TContext>(useProvider);
        services.AddSingleton<IDbContextFactory<VodDbContext>, ProviderDbContextFactory<TContext>>();
    }

    /// <summary>The configured SQLite connection string, or a file in the data folder; a busy timeout lets concurrent jobs queue for the write lock.</summary>
    internal static string SqliteConnectionString(DatabaseOptions options, DataPaths paths)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(options.ConnectionString) ? $"Data Source={paths.Database}" : options.ConnectionString)
        {
            DefaultTimeout = 60,
            Pooling = true,
        };
        return builder.ToString();
    }
}
