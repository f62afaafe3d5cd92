using System.ComponentModel.DataAnnotations;

namespace VodManager.Core;

/// <summary>The "VodManager" section of appsettings.json: where the embedded install keeps its files.</summary>
public sealed class VodManagerOptions
{
    public const string Section = "VodManager";

    /// <summary>Folder for the SQLite database, the job store, local-disk storage, caches and temp files; relative paths are resolved against the working directory.</summary>
    [Required]
    public string DataFolder { get; set; } = "data";

    /// <summary>Seed a demo account and stream when the database has no accounts.</summary>
    public bool SeedDemo { get; set; } = true;
}
