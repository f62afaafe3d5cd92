using Xunit.Abstractions;
using Xunit.Sdk;

namespace VodManager.Tests.Fixtures;

public sealed class LongestFirstOrdererTests(ITestOutputHelper output)
{
    [Fact]
    public void The_browser_tests_shared_app_starts_first_and_every_class_is_weighed()
    {
        var names = LongestFirstOrderer.TestClasses.Select(LongestFirstOrderer.CollectionOf).Distinct().ToList();
        var assembly = new TestAssembly(Reflector.Wrap(typeof(LongestFirstOrderer).Assembly));
        var order = new LongestFirstOrderer().OrderTestCollections(names.Select(n => new TestCollection(assembly, null, n))).Select(c => c.DisplayName).ToList();

        foreach (var name in order.Take(12))
        {
            output.WriteLine($"{LongestFirstOrderer.Weight(name),4} {name}");
        }

        Assert.Equal(E2E.DemoEditorCollection.Name, order[0]);
        Assert.All(names, n => Assert.True(LongestFirstOrderer.Weight(n) > 0, n));
        Assert.True(order.IndexOf(Cutting.CrashCollection.Name) < order.IndexOf(LongestFirstOrderer.CollectionOf(typeof(SpeedSplitTests))));
    }
}
