using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("VodManager.Tests.Fixtures.LongestFirstOrderer", "VodManager.Tests")]

namespace VodManager.Tests.Fixtures;

/// <summary>
/// Starts the longest test collections first. A collection holds one of the runner's parallel slots from its first
/// test to its last, and xunit's own order (by a hash of the name) started the browser tests' shared app, a 4-minute
/// chain, last of all, so the other core sat idle while it ran. Longest first leaves only short ones for the end. A
/// collection's length is estimated from its tests: a slow-marked one (<see cref="Speed"/>) counts ten fast ones.
/// </summary>
public sealed class LongestFirstOrderer : ITestCollectionOrderer
{
    private const int SlowWeight = 10;

    /// <summary>Every class with a test in this assembly.</summary>
    internal static readonly Type[] TestClasses = typeof(LongestFirstOrderer).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && TestMethods(t) > 0)
        .ToArray();

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderByDescending(c => Weight(c.DisplayName)).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    /// <summary>The estimated length of the collection xunit names <paramref name="displayName"/>: a [Collection] name, or the one class it stands for.</summary>
    public static int Weight(string displayName) => TestClasses
        .Where(t => CollectionOf(t) == displayName)
        .Sum(t => TestMethods(t) * (Speed.IsSlow(t) ? SlowWeight : 1));

    /// <summary>The name xunit gives the collection a test class runs in: its [Collection] name, else one of its own.</summary>
    internal static string CollectionOf(Type type) =>
        type.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType == typeof(CollectionAttribute))?.ConstructorArguments[0].Value as string
        ?? "Test collection for " + type.FullName;

    private static int TestMethods(Type type) => type.GetMethods().Count(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any());
}
