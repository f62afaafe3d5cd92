using Microsoft.EntityFrameworkCore;
using VodManager.Demo;
using VodManager.Core.Library;
using VodManager.Tests.Fixtures;
using Xunit.Abstractions;

namespace VodManager.Tests.Detection;

/// <summary>A fresh install shows highlights: the demo seeder imports the demo's chat, events and transcript and detects.</summary>
public sealed class DemoDetectionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_demo_stream_comes_with_its_planted_moments_detected()
    {
        await using var host = await CoreHost.StartAsync(configure: s => s.AddVodManagerDemo());

        var seeding = System.Diagnostics.Stopwatch.StartNew();
        var stream = await host.Get<DemoSeeder>().SeedAsync(CancellationToken.None);
        output.WriteLine($"seeded in {seeding.Elapsed.TotalSeconds:0.0} s");

        await using var db = await host.DbAsync();
        var seeded = await db.Streams.SingleAsync(s => s.Id == stream.Id);
        Assert.NotNull(seeded.ChatImportedAt);
        Assert.NotNull(seeded.EventsImportedAt);
        Assert.NotNull(seeded.TranscriptImportedAt);
        Assert.NotNull(seeded.DetectedAt);
        var highlights = await db.Highlights.Where(h => h.StreamId == stream.Id).OrderBy(h => h.Rank).ToListAsync();
        foreach (var h in highlights)
        {
            output.WriteLine($"#{h.Rank} {h.DetectedStart:0}-{h.DetectedEnd:0} {h.Score:0.00} {h.Explanation}");
        }

        // Every planted moment (chat reacts within ten seconds of it).
        Assert.All(DemoStreamGenerator.Moments, m => Assert.Contains(highlights, h => h.DetectedStart <= m.AtSeconds + 10 && m.AtSeconds <= h.DetectedEnd));
        Assert.Contains(highlights, h => h.Signals.Audio > 0.5 && h.Signals.Transcript > 0);

        // The best one is already a clip, ready to export.
        var clip = await db.Vods.SingleAsync(v => v.StreamId == stream.Id && v.HighlightId != null);
        Assert.Equal(highlights[0].Id, clip.HighlightId);
        Assert.Equal(VodStatus.Stored, clip.Status);
    }
}
