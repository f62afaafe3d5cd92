using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VodManager.Core;
using VodManager.Core.Detection;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Detection;

public sealed class DetectionOptionsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings, bool withAppSettings = false)
    {
        var builder = new ConfigurationBuilder();
        if (withAppSettings)
        {
            builder.AddJsonFile(Path.Combine(RepoPaths.Root, "appsettings.json"));
        }

        var configuration = builder.AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddVodManagerCore(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void The_shipped_settings_match_the_defaults_the_tests_measure()
    {
        using var services = Services([], withAppSettings: true);
        var shipped = services.GetRequiredService<IOptions<DetectionOptions>>().Value;
        var defaults = new DetectionOptions();

        Assert.Equal(DetectionOptions.DefaultKeywords, shipped.KeywordList);
        Assert.Equal(
            (defaults.TopN, defaults.MinScore, defaults.Chat.StrongProbability, defaults.EventWeights.Raid, defaults.EventWeights.Redemption, defaults.PreRollSeconds, defaults.MaxLengthSeconds),
            (shipped.TopN, shipped.MinScore, shipped.Chat.StrongProbability, shipped.EventWeights.Raid, shipped.EventWeights.Redemption, shipped.PreRollSeconds, shipped.MaxLengthSeconds));
    }

    [Fact]
    public void Configured_keywords_replace_the_defaults()
    {
        using var services = Services(new() { ["Detection:Keywords:0"] = "banana", ["Detection:Keywords:1"] = "gg wp" });

        Assert.Equal(["banana", "gg wp"], services.GetRequiredService<IOptions<DetectionOptions>>().Value.KeywordList);
    }

    [Theory]
    [InlineData("Detection:MinLengthSeconds", "90", "MinLengthSeconds (90) is longer than Detection:MaxLengthSeconds")]
    [InlineData("Detection:Chat:StrongProbability", "0", "StrongProbability")]
    [InlineData("Detection:EventWeights:Raid", "-1", "Raid")]
    [InlineData("Detection:TopN", "0", "TopN")]
    [InlineData("Ingest:MaxJsonDepth", "2", "MaxJsonDepth")]
    public void Bad_settings_are_refused_naming_them(string key, string value, string expected)
    {
        using var services = Services(new() { [key] = value });

        var error = Assert.ThrowsAny<OptionsValidationException>(() =>
        {
            _ = services.GetRequiredService<IOptions<DetectionOptions>>().Value;
            _ = services.GetRequiredService<IOptions<Core.Ingest.IngestOptions>>().Value;
        });
        Assert.Contains(expected, string.Join(" ", error.Failures));
    }
}
