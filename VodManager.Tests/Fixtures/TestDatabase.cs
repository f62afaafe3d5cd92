namespace VodManager.Tests.Fixtures;

/// <summary>Host settings for a test's own database on an engine, merged with the test's other settings.</summary>
public static class TestDatabase
{
    public static async Task<Dictionary<string, string?>> SettingsAsync(DatabaseEngine engine, IDictionary<string, string?>? more = null)
    {
        var settings = engine == DatabaseEngine.PostgreSql ? await Postgres.NewDatabaseSettingsAsync() : [];
        return settings.Merge(more);
    }
}
