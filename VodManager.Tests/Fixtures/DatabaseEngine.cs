namespace VodManager.Tests.Fixtures;

/// <summary>The databases the data-layer tests run on: the embedded default and a real server.</summary>
public enum DatabaseEngine
{
    Sqlite,
    PostgreSql,
}
