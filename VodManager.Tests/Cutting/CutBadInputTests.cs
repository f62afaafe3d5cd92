using System.Diagnostics;
using VodManager.Core.Cutting;
using VodManager.Core.Jobs;
using VodManager.Core.Quota;
using VodManager.Core.Storage;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Cutting;

/// <summary>Bad input gets a clear reason on the highlight, leaves nothing behind, and the rest of the batch is cut.</summary>
public sealed class CutBadInputTests
{
    [Theory]
    [InlineData(25, 30, "starts at 0:25.0 but the source video is only 0:20.0 long")]
    [InlineData(8, 8, "empty or reversed")]
    [InlineData(9, 4, "empty or reversed")]
    [InlineData(19.6, 40, "shorter than the minimum clip of 1 s")]
    public async Task Bad_bounds_fail_with_a_clear_reason_and_the_batch_goes_on(double start, double end, string reason)
    {
        await using var s = await CutScenario.StartAsync();
        var good1 = await s.AddHighlightAsync(1, 4);
        var bad = await s.AddHighlightAsync(start, end);
        var good2 = await s.AddHighlightAsync(10, 14);

        var results = await s.CutAsync(CutMode.Copy, good1.Id, bad.Id, good2.Id);

        Assert.Equal([CutOutcome.Cut, CutOutcome.Failed, CutOutcome.Cut], results.Select(r => r.Outcome));
        Assert.Contains(reason, results[1].Reason);
        var shown = await s.HighlightAsync(bad.Id);
        Assert.Equal(ClipStatus.Failed, shown.ClipStatus);
        Assert.Contains(reason, shown.ClipError);
        Assert.Equal(2, (await s.ClipRowsAsync()).Count);
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task Bounds_past_the_end_are_clamped_to_the_source()
    {
        await using var s = await CutScenario.StartAsync();
        var highlight = await s.AddHighlightAsync(-3, 35);

        await s.CutAsync(CutMode.Precise, highlight.Id);

        var clip = (await s.HighlightAsync(highlight.Id)).ClipVod!;
        Assert.Equal(0, clip.SourceStartSeconds!.Value, 3);
        Assert.Equal(20, clip.SourceEndSeconds!.Value, 1);
        Assert.InRange(clip.DurationSeconds!.Value, 19.9, 20.1);
    }

    [Fact]
    public async Task A_source_missing_from_storage_fails_every_highlight_with_that_reason()
    {
        await using var s = await CutScenario.StartAsync();
        var a = await s.AddHighlightAsync(1, 4);
        var b = await s.AddHighlightAsync(6, 9);
        await s.Host.Get<IVodStorage>().DeleteAsync(s.Source.StorageKey, CancellationToken.None);

        var results = await s.CutAsync(CutMode.Copy, a.Id, b.Id);

        Assert.All(results, r =>
        {
            Assert.Equal(CutOutcome.Failed, r.Outcome);
            Assert.Contains("is missing from storage", r.Reason);
        });
        Assert.Empty(await s.ClipRowsAsync());
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task A_corrupt_source_fails_with_the_reason()
    {
        await using var s = await CutScenario.StartAsync();
        var highlight = await s.AddHighlightAsync(1, 4);
        var path = s.Host.Get<IVodStorage>().TryGetLocalPath(s.Source.StorageKey)!;
        await File.WriteAllBytesAsync(path, Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray());

        var result = Assert.Single(await s.CutAsync(CutMode.Copy, highlight.Id));

        Assert.Equal(CutOutcome.Failed, result.Outcome);
        Assert.Contains("is not readable media", result.Reason);
        Assert.Empty(await s.ClipRowsAsync());
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task A_clip_over_quota_is_skipped_with_the_shortfall_and_the_rest_is_cut()
    {
        await using var s = await CutScenario.StartAsync(quotaBytes: null);
        var small = await s.AddHighlightAsync(1, 3);
        var big = await s.AddHighlightAsync(2, 19);
        await using (var db = await s.Host.DbAsync())
        {
            var account = await db.Accounts.FindAsync(s.AccountId);
            // Room for the 2 s clip (reserved as 2 s + a GOP of pre-roll), not for the 17 s one.
            account!.QuotaBytes = account.UsedBytes + s.Source.SizeBytes * 6 / 20 + 64 * 1024;
            await db.SaveChangesAsync();
        }

        var results = await s.CutAsync(CutMode.Copy, big.Id, small.Id);

        Assert.Equal(CutOutcome.Skipped, results[0].Outcome);
        Assert.Contains("No room for this clip", results[0].Reason);
        Assert.Contains("free of its", results[0].Reason);
        Assert.Equal(ClipStatus.Skipped, (await s.HighlightAsync(big.Id)).ClipStatus);
        Assert.Equal(CutOutcome.Cut, results[1].Outcome);
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task Eviction_makes_room_from_old_clips_but_never_a_pinned_one_nor_the_source()
    {
        await using var s = await CutScenario.StartAsync(maxVods: 3, evict: true);
        var first = await s.AddHighlightAsync(1, 3);
        var second = await s.AddHighlightAsync(5, 7);
        var third = await s.AddHighlightAsync(10, 12);
        await s.CutAsync(CutMode.Copy, first.Id); // one at a time, so "oldest" is well defined
        await s.CutAsync(CutMode.Copy, second.Id); // source + 2 clips: the free tier is full
        var firstClip = (await s.HighlightAsync(first.Id)).ClipVodId!.Value;
        var secondClip = (await s.HighlightAsync(second.Id)).ClipVodId!.Value;

        await using (await s.Host.Get<VodPins>().PinAsync([firstClip, secondClip], "export:test", CancellationToken.None))
        {
            var refused = Assert.Single(await s.CutAsync(CutMode.Copy, third.Id));
            Assert.Equal(CutOutcome.Skipped, refused.Outcome);
            Assert.Contains("free tier", refused.Reason);
        }

        var evicting = Assert.Single(await s.CutAsync(CutMode.Copy, third.Id));

        Assert.Equal(CutOutcome.Cut, evicting.Outcome);
        Assert.Null((await s.HighlightAsync(first.Id)).ClipVodId); // the oldest clip made room
        Assert.NotNull((await s.HighlightAsync(second.Id)).ClipVodId);
        Assert.True(await s.Host.Get<IVodStorage>().ExistsAsync(s.Source.StorageKey, CancellationToken.None));
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task Too_little_disk_is_refused_before_anything_is_written_with_needed_and_free()
    {
        await using var s = await CutScenario.StartAsync(new Dictionary<string, string?> { ["Cutting:MinFreeDiskBytes"] = (1L << 60).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var highlight = await s.AddHighlightAsync(1, 5);

        var result = Assert.Single(await s.CutAsync(CutMode.Copy, highlight.Id));

        Assert.Equal(CutOutcome.Failed, result.Outcome);
        Assert.Matches(@"Not enough free disk space for the cut of highlight \d+ in '.+': needs [\d.]+ [KM]B plus .+ kept free \(Cutting:MinFreeDiskBytes\), has [\d.]+ [KMGT]?B free\.", result.Reason);
        Assert.Empty(await s.ClipRowsAsync());
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task A_really_full_disk_is_refused_with_needed_and_free()
    {
        using var mount = SmallFilesystem.Mount(megabytes: 1);
        await using var s = await CutScenario.StartAsync(new Dictionary<string, string?> { ["Cutting:TempFolder"] = mount.Path, ["Cutting:MinFreeDiskBytes"] = "0" });
        var highlight = await s.AddHighlightAsync(1, 19);

        var result = Assert.Single(await s.CutAsync(CutMode.Copy, highlight.Id));

        Assert.Equal(CutOutcome.Failed, result.Outcome);
        Assert.Contains($"in '{mount.Path}': needs", result.Reason);
        Assert.Matches(@"has [\d.]+ [KM]B free\.$", result.Reason);
        Assert.Empty(await s.ClipRowsAsync());
        Assert.Empty(CutScenario.FilesUnder(mount.Path));
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task A_cancelled_batch_leaves_nothing_and_says_so_on_each_highlight()
    {
        await using var s = await CutScenario.StartAsync(new Dictionary<string, string?> { ["Cutting:BatchParallelism"] = "1" });
        var running = await s.AddHighlightAsync(0, 19);
        var waiting = await s.AddHighlightAsync(2, 6);
        await s.Host.Get<HighlightClaims>().MarkQueuedAsync(s.AccountId, [running.Id, waiting.Id], null, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var progress = new CancelWhen(r => r.Stage.Contains("cutting", StringComparison.Ordinal) && r.Percent > 10, cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            s.CutAsync(new CutBatch(s.AccountId, [running.Id, waiting.Id], CutMode.Precise, Guid.NewGuid().ToString("N"), "tester"), progress, cancel.Token));

        var cancelled = await s.HighlightAsync(running.Id);
        Assert.Equal(ClipStatus.Failed, cancelled.ClipStatus);
        Assert.Contains("cancelled", cancelled.ClipError);
        var skipped = await s.HighlightAsync(waiting.Id);
        Assert.Equal(ClipStatus.Skipped, skipped.ClipStatus);
        Assert.Contains("cancelled before", skipped.ClipError);
        Assert.Empty(await s.ClipRowsAsync());
        Assert.DoesNotContain(Process.GetProcessesByName("ffmpeg"), p => CommandLineMentions(p, s.Host.DataFolder));
        await s.AssertNothingLeftBehindAsync();
    }

    private static bool CommandLineMentions(Process process, string folder)
    {
        try
        {
            return File.ReadAllText($"/proc/{process.Id}/cmdline").Contains(folder, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private sealed class CancelWhen(Func<JobProgress, bool> condition, CancellationTokenSource cancel) : IProgress<JobProgress>
    {
        public void Report(JobProgress value)
        {
            if (condition(value))
            {
                cancel.Cancel();
            }
        }
    }
}
