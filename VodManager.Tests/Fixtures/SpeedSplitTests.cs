using System.Reflection;
using Xunit;

namespace VodManager.Tests.Fixtures;

/// <summary>
/// The fast set stays fast only if the rule in docs/DEVELOPING.md is kept: every PostgreSQL variant, every Azure Blob
/// variant of a storage test and every browser test is marked slow on the class xunit reads it from (a mark on a
/// collection definition is silently ignored).
/// </summary>
public sealed class SpeedSplitTests
{
    private static readonly Type[] TestClasses = LongestFirstOrderer.TestClasses;

    [Fact]
    public void PostgreSql_and_blob_variants_and_browser_tests_are_marked_slow()
    {
        var unmarked = TestClasses
            .Where(t => t.Name == "OnPostgreSql" || t.Name.EndsWith("OnBlobTests", StringComparison.Ordinal)
                || (t.Namespace ?? "").EndsWith(".E2E", StringComparison.Ordinal))
            .Where(t => !Speed.IsSlow(t))
            .Select(t => t.FullName)
            .ToList();

        Assert.NotEmpty(TestClasses);
        Assert.Empty(unmarked);
    }

    [Fact]
    public void No_collection_definition_carries_a_speed_mark()
    {
        var ignored = typeof(SpeedSplitTests).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<CollectionDefinitionAttribute>() is not null && Speed.HasSlowMark(t))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(ignored);
    }
}
