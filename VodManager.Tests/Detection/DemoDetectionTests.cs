using Microsoft.EntityFrameworkCore;
using VodManager.Core.Demo;
using VodManager.Tests.Fixtures;
using Xunit.Abstractions;

namespace VodManager.Tests.Detection;

/// <summary>A fresh install shows highlights: the demo seeder imports the demo's chat, events and transcript and detects.</summary>
public sealed class DemoDetectionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_demo_stream_comes_with_its_planted_moments_detected()
    {
        await using var host = await CoreHost.StartAsync();

        var stream = await host.Get<DemoSeeder>().SeedAsync(CancellationToken.None);

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

        // The loud moments (62 s: "oh my god", 171 s: "clip it"), the gift subs (95 s), the raid (148 s) and the hype train (200 s).
        foreach (var moment in new[] { 62.0, 95, 148, 171, 200 })
        {
            Assert.Contains(highlights, h => h.DetectedStart <= moment && moment <= h.DetectedEnd);
        }

        Assert.Contains(highlights, h => h.Signals.Audio > 0.5 && h.Signals.Transcript > 0);
    }
}
