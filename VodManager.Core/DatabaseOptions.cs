using System.ComponentModel.DataAnnotations;

namespace VodManager.Core;

/// <summary>The "Database" section of appsettings.json.</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Database";

    /// <summary>Sqlite (embedded default), PostgreSql or SqlServer (server databases several nodes can share).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Empty for SQLite means a file vodmanager.db in the data folder. Required for a server database.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>True for the providers that several nodes can share (and that retry transient failures).</summary>
    public bool IsServer => Provider is DatabaseProvider.PostgreSql or DatabaseProvider.SqlServer;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsServer && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("Database:ConnectionString is required when Database:Provider is PostgreSql or SqlServer.", [nameof(ConnectionString)]);
        }
    }
}
