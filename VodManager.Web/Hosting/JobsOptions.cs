using System.ComponentModel.DataAnnotations;

namespace VodManager.Web.Hosting;

/// <summary>The "Jobs" section of appsettings.json.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>How many background jobs run at once in this process.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 2;

    /// <summary>Connection string of the persistent job store; empty means jobs.db in the data folder (SQLite) or the main database (PostgreSQL, SQL Server).</summary>
    public string? StoreConnectionString { get; set; }

    /// <summary>
    /// Whether this node's scheduler joins a cluster on the job store, so a job whose node died is run by another.
    /// Empty means yes on a server database and no on SQLite (one process per data folder).
    /// </summary>
    public bool? Clustered { get; set; }

    /// <summary>How often a clustered node records that it is alive; another node takes over a node's jobs about this long after its last check-in.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);
}
