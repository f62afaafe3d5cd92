using System.ComponentModel.DataAnnotations;

namespace VodManager.Web.Hosting;

/// <summary>The "Jobs" section of appsettings.json.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>How many background jobs run at once in this process.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 2;

    /// <summary>Connection string of the persistent job store; empty means jobs.db in the data folder (SQLite) or the main database (SQL Server).</summary>
    public string? StoreConnectionString { get; set; }
}
