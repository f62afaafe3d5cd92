using VodManager.Core.Cutting;
using VodManager.Core.Media;
using VodManager.Core.Quota;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Cutting;

/// <summary>The cutter on Azure Blob Storage (real Azurite): only the clip's bytes travel for copy cuts, one pull for re-encodes.</summary>
public sealed class BlobCutTests
{
    /// <summary>Range pieces sized for clips of about 1 MB (the defaults suit clips of tens of MB).</summary>
    private static readonly Dictionary<string, string?> SmallPieces = new() { ["Cutting:RangeChunkBytes"] = "65536", ["Cutting:RangeMaxResponseBytes"] = "262144" };

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

    [Fact]
    public async Task Re_encoding_cuts_from_blob_pull_the_source_once_per_batch_and_remove_it_after()
    {
        await using var s = await CutScenario.StartAsync(await CutScenario.BlobSettingsAsync());
        var a = await s.AddHighlightAsync(1, 4);
        var b = await s.AddHighlightAsync(3.3, 12.7);
        s.Reads.Reset();

        var results = await s.Cutter.CutAsync(new CutBatch(s.AccountId, [a.Id], CutMode.Precise, "t1", "tester"), null, CancellationToken.None);
        var smart = await s.Cutter.CutAsync(new CutBatch(s.AccountId, [b.Id], CutMode.Smart, "t2", "tester"), null, CancellationToken.None);

        Assert.Equal(CutOutcome.Cut, results[0].Outcome);
        Assert.Equal(CutMode.Smart, smart[0].Mode);
        Assert.Equal(2 * s.Source.SizeBytes, s.Reads.BytesRead); // one pull per batch, nothing else
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task The_source_cache_pulls_once_for_concurrent_holders_pins_the_source_and_removes_the_copy_after_the_last()
    {
        await using var s = await CutScenario.StartAsync(await CutScenario.BlobSettingsAsync());
        var cache = s.Host.Get<SourceCache>();
        s.Reads.Reset();

        var leases = await Task.WhenAll(
            cache.AcquireAsync(s.Source, "refine:1", null, CancellationToken.None),
            cache.AcquireAsync(s.Source, "cut:2", null, CancellationToken.None));

        Assert.Equal(s.Source.SizeBytes, s.Reads.BytesRead);
        Assert.Equal(leases[0].LocalPath, leases[1].LocalPath);
        Assert.True(leases[0].IsCopy);
        Assert.Equal(s.Source.SizeBytes, new FileInfo(leases[0].LocalPath).Length);
        await using (var db = await s.Host.DbAsync())
        {
            Assert.Contains(s.Source.Id, await s.Host.Get<VodPins>().PinnedAsync(db, CancellationToken.None));
        }

        await leases[0].DisposeAsync();
        Assert.True(File.Exists(leases[1].LocalPath));
        await leases[1].DisposeAsync();

        Assert.False(File.Exists(leases[1].LocalPath));
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task A_cancelled_pull_leaves_no_copy_and_no_pin()
    {
        await using var s = await CutScenario.StartAsync(await CutScenario.BlobSettingsAsync(), Minute);
        using var cancel = new CancellationTokenSource();
        var cache = s.Host.Get<SourceCache>();

        var pull = cache.AcquireAsync(s.Source, "cut:cancelled", new CancelAt(50, cancel), cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pull);
        Assert.Empty(CutScenario.FilesUnder(cache.Folder));
        await s.AssertNothingLeftBehindAsync();
    }

    private sealed class CancelAt(double percent, CancellationTokenSource cancel) : IProgress<double>
    {
        public void Report(double value)
        {
            if (value >= percent)
            {
                cancel.Cancel();
            }
        }
    }
}
