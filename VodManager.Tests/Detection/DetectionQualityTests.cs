using VodManager.Tests.Fixtures;
using Xunit.Abstractions;

namespace VodManager.Tests.Detection;

/// <summary>
/// Detection against synthetic streams with known truth, several seeds and lengths: always 10 highlights, every
/// planted moment among the confident ones, at least 9 in 10 confident highlights real, and no decoy (spammer,
/// redemption cluster, slow rise) among them.
/// </summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class DetectionQualityTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1, 3 * 3600, 1.5)]
    [InlineData(2, 3 * 3600, 1.5)]
    [InlineData(3, 2 * 3600, 0.6)]
    [InlineData(4, 4 * 3600, 3.0)]
    [InlineData(5, 1 * 3600, 1.0)]
    public async Task Planted_moments_are_found_and_decoys_are_not(int seed, int seconds, double rate)
    {
        using var folder = new TempFolder("quality");
        var stream = await SyntheticStreamGenerator.WriteAsync(new SyntheticStreamSpec(seconds, seed, rate), folder.Path, CancellationToken.None);

        var outcome = await Detectors.DetectAsync(stream);
        var quality = PlantedQuality.Of(stream, outcome.Highlights);

        output.WriteLine($"seed {seed}, {seconds} s, {stream.Messages} lines: {quality}");
        foreach (var h in outcome.Highlights)
        {
            output.WriteLine($"  #{h.Rank} {h.Start:0.0}-{h.End:0.0} {h.Score:0.00} conf {h.Confidence:0.00} {h.Explanation}");
        }

        foreach (var p in stream.Planted)
        {
            output.WriteLine($"  planted {p.Kind} at {p.AtSeconds:0.0}");
        }

        Assert.Equal(10, outcome.Highlights.Count);
        Assert.Equal(1.0, quality.Recall);
        Assert.True(quality.Precision >= 0.9, quality.ToString());
        Assert.Equal(0, quality.DecoysHit);
    }
}
