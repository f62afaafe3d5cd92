using VodManager.Core.Cutting;
using VodManager.Core.Media;
using VodManager.Core.Storage;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Cutting;

/// <summary>The cutter on Azure Blob Storage (real Azurite): only a clip's bytes travel, whatever the mode.</summary>
public sealed class BlobCutTests
{
    /// <summary>Range pieces sized for clips of about 1 MB (the defaults suit clips of tens of MB).</summary>
    private static readonly Dictionary<string, string?> SmallPieces = new() { ["Cutting:RangeChunkBytes"] = "65536", ["Cutting:RangeMaxResponseBytes"] = "262144" };

    /// <summary>The smallest pieces the settings allow: every read of more than 16 KB, the source's index too, spans several answers.</summary>
    private static readonly Dictionary<string, string?> TinyPieces = new() { ["Cutting:RangeChunkBytes"] = "16384", ["Cutting:RangeMaxResponseBytes"] = "16384" };

    /// <summary>A minute of 640x360 at ~1.5 Mbit/s: big enough that one clip is a small part of it.</summary>
    private static readonly TestPatternSpec Minute = new(60, 640, 360, VideoBitrateKbps: 1500);

    [Fact]
    public async Task A_copy_cut_from_blob_reads_little_more_than_the_clip()
    {
        // What is read beyond the clip is the index, the GOP before the start and a piece or two of alignment and read-ahead.
        await using var s = await CutScenario.StartAsync(await CutScenario.BlobSettingsAsync(SmallPieces), Minute);
        var highlight = await s.AddHighlightAsync(30, 36);
        s.Reads.Reset();

        var result = Assert.Single(await s.CutAsync(CutMode.Copy, highlight.Id));

        Assert.Equal(CutOutcome.Cut, result.Outcome);
        var clip = (await s.HighlightAsync(highlight.Id)).ClipVod!;
        Assert.Equal(30, clip.SourceStartSeconds!.Value, 2);
        var ratio = (double)s.Reads.BytesRead / clip.SizeBytes;
        Assert.True(ratio < 1.5, $"read {s.Reads.BytesRead} bytes for a {clip.SizeBytes}-byte clip of a {s.Source.SizeBytes}-byte source ({ratio:0.00}×)");
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task A_batch_of_copy_cuts_from_blob_reads_the_index_once_and_less_than_the_source()
    {
        await using var s = await CutScenario.StartAsync(await CutScenario.BlobSettingsAsync(SmallPieces), Minute);
        var ids = new List<int>();
        for (var start = 2; start < 58; start += 12)
        {
            ids.Add((await s.AddHighlightAsync(start, start + 4)).Id);
        }

        s.Reads.Reset();
        var results = await s.CutAsync(CutMode.Copy, [.. ids]);

        Assert.All(results, r => Assert.Equal(CutOutcome.Cut, r.Outcome));
        var clipBytes = (await s.ClipRowsAsync()).Sum(v => v.SizeBytes);
        Assert.True(s.Reads.BytesRead < s.Source.SizeBytes * 0.6, $"read {s.Reads.BytesRead} of a {s.Source.SizeBytes}-byte source for {clipBytes} bytes of clips");
        await s.AssertNothingLeftBehindAsync();
    }

    [Theory]
    [InlineData(CutMode.Precise)]
    [InlineData(CutMode.Smart)]
    public async Task A_re_encoding_cut_from_blob_reads_the_clips_range_not_the_whole_source(CutMode mode)
    {
        // The cut's reads (the probe, the frame lookup, a smart cut's several seeked inputs) each run across many of
        // the proxy's answers.
        await using var s = await CutScenario.StartAsync(await CutScenario.BlobSettingsAsync(TinyPieces), Minute);
        var highlight = await s.AddHighlightAsync(30.4, 37.6);
        s.Reads.Reset();

        var result = Assert.Single(await s.CutAsync(mode, highlight.Id));

        Assert.True(result.Outcome == CutOutcome.Cut, result.Reason);
        Assert.True(mode == result.Mode, $"{result.Mode}: {result.Reason}"); // a smart cut that failed its check would say precise
        var clip = (await s.HighlightAsync(highlight.Id)).ClipVod!;
        Assert.Equal(30.4, clip.SourceStartSeconds!.Value, 2);
        Assert.Equal(7.2, clip.DurationSeconds!.Value, 1);
        Assert.True(s.Reads.BytesRead < s.Source.SizeBytes * 0.25, $"read {s.Reads.BytesRead} of a {s.Source.SizeBytes}-byte source for a 7.2 s clip of 60 s");
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task A_source_missing_from_blob_fails_the_cut_naming_it_and_leaves_no_pin()
    {
        await using var s = await CutScenario.StartAsync(await CutScenario.BlobSettingsAsync());
        var highlight = await s.AddHighlightAsync(1, 4);
        await s.Host.Get<IVodStorage>().DeleteAsync(s.Source.StorageKey, CancellationToken.None);

        var result = Assert.Single(await s.CutAsync(CutMode.Precise, highlight.Id));

        Assert.Equal(CutOutcome.Failed, result.Outcome);
        Assert.Contains($"(VOD {s.Source.Id}) is missing from storage", result.Reason);
        Assert.Empty(await s.ClipRowsAsync());
        await s.AssertNothingLeftBehindAsync();
    }
}
