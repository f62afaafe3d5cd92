using Microsoft.Data.Sqlite;
using Quartz;
using VodManager.Core;
using VodManager.Core.Jobs;
using VodManager.Web.Jobs;

namespace VodManager.Web.Hosting;

public static class JobsServiceCollectionExtensions
{
    /// <summary>Quartz in-process with a persistent store (SQLite by default; on a server database, the main database with clustering) and every job handler.</summary>
    public static IServiceCollection AddVodManagerJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var database = configuration.Read<DatabaseOptions>(DatabaseOptions.Section);
        services.AddSettings<JobsOptions>(configuration, JobsOptions.Section);
        var jobs = configuration.Read<JobsOptions>(JobsOptions.Section);
        if (jobs.Clustered == true && !database.IsServer && string.IsNullOrWhiteSpace(jobs.StoreConnectionString))
        {
            throw new ConfigurationException($"{JobsOptions.Section}:Clustered", "a cluster needs a shared job store: a server database (Database:Provider PostgreSql or SqlServer), not SQLite.");
        }

        var paths = new DataPaths(configuration.Read<VodManagerOptions>(VodManagerOptions.Section).DataFolder);

        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "VodManager";
                s.GenerateInstanceId = true;
                s.IdleWaitTime = TimeSpan.FromSeconds(5); // jobs scheduled by another node or before a restart start within seconds
            });
            q.UseDefaultThreadPool(pool => pool.MaxConcurrency = jobs.MaxConcurrency);
            q.UsePersistentStore(store =>
            {
                store.ConfigureStore(o => o.StoreJobDataAsStrings = true);
                store.UseSystemTextJsonSerializer(_ => { });
                store.ProvisionSchema();
                var serverStore = string.IsNullOrWhiteSpace(jobs.StoreConnectionString) ? database.ConnectionString! : jobs.StoreConnectionString;
                switch (database.Provider)
                {
                    case DatabaseProvider.PostgreSql:
                        store.UsePostgres(serverStore);
                        break;
                    case DatabaseProvider.SqlServer:
                        store.UseSqlServer(serverStore);
                        break;
                    default:
                        store.UseSqlite(SqliteStore(jobs, paths));
                        break;
                }

                if (jobs.Clustered ?? database.IsServer)
                {
                    // Another node recovers a dead node's jobs (every job requests recovery) once its check-ins stop.
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = jobs.ClusterCheckinInterval;
                        c.CheckinMisfireThreshold = jobs.ClusterCheckinInterval;
                    });
                }
            });
        });
        services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AwaitApplicationStarted = true;
        });

        services.AddSingleton<IJobQueue, QuartzJobQueue>();
        services.AddJobHandlers();
        return services;
    }

    private static string SqliteStore(JobsOptions jobs, DataPaths paths)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(jobs.StoreConnectionString) ? $"Data Source={paths.JobStore}" : jobs.StoreConnectionString)
        {
            DefaultTimeout = 60,
        };
        return builder.ToString();
    }
}
