using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data.Entities;
using VodManager.Core.Editing;
using VodManager.Core.Export;
using VodManager.Core.Ingest;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Media;
using VodManager.Core.Quota;
using VodManager.Core.Storage;
using VodManager.Core.Streams;
using VodManager.Tests.Cutting;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Export;

/// <summary>
/// A source's browser copy made by real ffmpeg from the stream's real stored source (the 20 s 320x180 test stream),
/// copied down to 144p so the scaling shows: stored once, charged, played by the timeline, gone with its source, and
/// nothing left behind when it cannot be made.
/// </summary>
public sealed class BrowserCopyTests
{
    private static readonly Dictionary<string, string?> Settings = new(ExportScenario.ProfileSettings())
    {
        ["Export:BrowserCopy:Height"] = "144",
        ["Export:BrowserCopy:Preset"] = "ultrafast",
    };

    [Fact]
    public async Task A_copy_is_made_once_scaled_down_with_a_keyframe_every_second_charged_and_played_by_the_timeline()
    {
        await using var s = await CutScenario.StartAsync(Settings);
        var copies = s.Host.Get<BrowserCopyService>();
        var stages = new List<JobProgress>();

        var made = await copies.MakeAsync(s.AccountId, s.StreamId, "test", new SyncProgress(stages.Add), CancellationToken.None);

        Assert.False(made.AlreadyMade);
        var copy = await VodAsync(s, made.VodId);
        Assert.Equal((VodType.BrowserCopy, VodStatus.Stored, s.Source.Id, s.StreamId), (copy.Type, copy.Status, copy.SourceVodId, copy.StreamId));
        Assert.Equal(("h264", 256, 144), (copy.VideoCodec, copy.Width, copy.Height));
        Assert.Equal(30, (await TestMedia.Probe().ProbeAsync(s.Host.Get<IVodStorage>().TryGetLocalPath(copy.StorageKey)!, CancellationToken.None)).FrameRate!.Value, 0.01);
        Assert.InRange(copy.DurationSeconds!.Value, 19.5, 20.5);
        Assert.Equal(StorageKeys.BrowserCopy(s.AccountId, BrowserCopyService.ExternalId(s.Source.Id)), copy.StorageKey);
        var local = s.Host.Get<IVodStorage>().TryGetLocalPath(copy.StorageKey)!;
        Assert.Equal(new FileInfo(local).Length, copy.SizeBytes);
        var keyframes = await s.Host.Get<KeyframeReader>().ReadAsync(local, CancellationToken.None);
        Assert.True(keyframes.Zip(keyframes.Skip(1), (a, b) => b - a).Max() <= 1.05, $"keyframes at {string.Join(", ", keyframes)}"); // the source has one every 2 s
        Assert.Contains(stages, p => p.Stage == "encoding" && p.Percent > 2 && p.Percent < 100);
        Assert.Equal($"made: VOD {made.VodId}, 256x144, {Core.ByteSize.Format(copy.SizeBytes)}", stages[^1].Message);

        var timeline = await s.Host.Get<StreamTimelineService>().GetAsync(s.AccountId, s.StreamId, CancellationToken.None);
        Assert.Equal(new TimelineBrowserCopy(copy.StorageKey, 144), timeline!.Source!.BrowserCopy);

        var again = await copies.MakeAsync(s.AccountId, s.StreamId, "test", null, CancellationToken.None);
        Assert.Equal((made.VodId, true), (again.VodId, again.AlreadyMade));
        Assert.Single(await CopyRowsAsync(s));
        await AssertNothingLeftBehindAsync(s);
    }

    [Fact]
    public async Task A_60_fps_source_is_copied_at_30_and_a_30_fps_one_as_it_is()
    {
        await using var s = await CutScenario.StartAsync(Settings, new TestPatternSpec(6, FrameRate: 60));
        var made = await s.Host.Get<BrowserCopyService>().MakeAsync(s.AccountId, s.StreamId, "test", null, CancellationToken.None);

        var local = s.Host.Get<IVodStorage>().TryGetLocalPath((await VodAsync(s, made.VodId)).StorageKey)!;
        var copied = await TestMedia.Probe().ProbeAsync(local, CancellationToken.None);
        Assert.Equal(30, copied.FrameRate!.Value, 0.01);
        Assert.InRange(copied.DurationSeconds, 5.5, 6.5);
        Assert.Equal(30, (await TestMedia.Probe().ProbeAsync(await TestMedia.GetAsync(), CancellationToken.None)).FrameRate!.Value, 0.01); // the other tests' source, copied as it is
    }

    [Fact]
    public async Task On_blob_storage_the_copy_is_read_from_and_stored_as_a_blob()
    {
        await using var s = await CutScenario.StartAsync(await CutScenario.BlobSettingsAsync(Settings));

        var made = await s.Host.Get<BrowserCopyService>().MakeAsync(s.AccountId, s.StreamId, "test", null, CancellationToken.None);

        var copy = await VodAsync(s, made.VodId);
        var local = Path.Combine(s.Host.DataFolder, "downloaded-copy.mp4");
        await using (var blob = await s.Host.Get<IVodStorage>().OpenReadAsync(copy.StorageKey, CancellationToken.None))
        await using (var file = File.Create(local))
        {
            await blob.CopyToAsync(file);
        }

        var media = await TestMedia.Probe().ProbeAsync(local, CancellationToken.None);
        Assert.Equal(("h264", 144, copy.SizeBytes), (media.VideoCodec, media.Height, new FileInfo(local).Length));
        await AssertNothingLeftBehindAsync(s);
    }

    [Fact]
    public async Task Deleting_the_source_deletes_its_copy_and_frees_both()
    {
        await using var s = await CutScenario.StartAsync(Settings);
        var made = await s.Host.Get<BrowserCopyService>().MakeAsync(s.AccountId, s.StreamId, "test", null, CancellationToken.None);
        var copyRow = await VodAsync(s, made.VodId);
        var key = copyRow.StorageKey;
        var listed = Assert.Single(await s.Host.Get<VideoImportService>().ListImportedAsync(s.AccountId, s.StreamId, CancellationToken.None));
        Assert.Equal((s.Source.Id, copyRow.SizeBytes), (listed.Id, listed.BrowserCopyBytes)); // the delete confirmation names it

        await s.Host.Get<ClipLibrary>().DeleteAsync(s.AccountId, s.Source.Id, "alice", CancellationToken.None);

        Assert.NotNull((await CopyRowsAsync(s)).Single().DeletedAt);
        Assert.Null(s.Host.Get<IVodStorage>().TryGetLocalPath(key) is { } path && File.Exists(path) ? path : null);
        await using var db = await s.Host.DbAsync();
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == s.AccountId);
        Assert.Equal((0L, 0), (account.UsedBytes, account.VodCount));
        await AssertNothingLeftBehindAsync(s);
    }

    [Fact]
    public async Task Deleting_the_stream_names_its_browser_copy_and_frees_it_with_its_clips_exports()
    {
        await using var s = await CutScenario.StartAsync(Settings, countReads: false);
        await s.Host.Get<BrowserCopyService>().MakeAsync(s.AccountId, s.StreamId, "test", null, CancellationToken.None);
        var highlight = await s.AddHighlightAsync(2, 6);
        Assert.True(Assert.Single(await s.CutAsync(Core.Cutting.CutMode.Copy, highlight.Id)).HasClip);
        var clip = (await s.HighlightAsync(highlight.Id)).ClipVod!;
        await s.Host.Get<ExportService>().ExportAsync(new ExportSpec(s.AccountId, clip.Id, ExportScenario.Tiny, Framing.Parse("center"), false), "test", null, CancellationToken.None);
        var streams = s.Host.Get<StreamManager>();

        var described = await streams.DescribeDeletionAsync(s.AccountId, s.StreamId, CancellationToken.None);
        Assert.Equal((1, 1, 1, 1), (described.Sources, described.BrowserCopies, described.Clips, described.Exports));
        Assert.Equal("1 video, 1 clip, 1 export, 1 browser copy, 1 highlight", described.Describe());
        Assert.Equal("2 videos, 2 browser copies", (described with { Sources = 2, BrowserCopies = 2, Clips = 0, Exports = 0, Highlights = 0 }).Describe());

        await streams.DeleteAsync(s.AccountId, s.StreamId, CancellationToken.None);

        await using var db = await s.Host.DbAsync();
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == s.AccountId);
        Assert.Equal((0L, 0), (account.UsedBytes, account.VodCount));
        Assert.Empty(await Leftovers.StoredKeysAsync(s.Host.Services, s.AccountId));
    }

    [Fact]
    public async Task A_source_ffmpeg_cannot_read_fails_naming_it_and_leaves_no_row_object_or_quota()
    {
        await using var s = await CutScenario.StartAsync(Settings);
        var storage = s.Host.Get<IVodStorage>();
        await using (var garbage = new MemoryStream(Enumerable.Range(0, 200_000).Select(i => (byte)(i * 13)).ToArray()))
        {
            await storage.PutAsync(s.Source.StorageKey, garbage, null, CancellationToken.None);
        }

        var error = await Assert.ThrowsAsync<BrowserCopyException>(() => s.Host.Get<BrowserCopyService>().MakeAsync(s.AccountId, s.StreamId, "test", null, CancellationToken.None));

        Assert.StartsWith($"The source '{s.Source.Title}' (VOD {s.Source.Id}) could not be copied for browsers: ", error.Message);
        Assert.Contains("moov atom not found", error.Message);
        Assert.DoesNotContain(s.Host.DataFolder, error.Message); // the source is named, not where the server keeps it
        Assert.All(await CopyRowsAsync(s), v => Assert.NotEqual(VodStatus.Stored, v.Status));
        await AssertNothingLeftBehindAsync(s);
    }

    [Fact]
    public async Task A_copy_that_does_not_fit_the_quota_is_refused_with_the_shortfall_and_leaves_nothing()
    {
        await using var s = await CutScenario.StartAsync(Settings);
        await using (var db = await s.Host.DbAsync())
        {
            var account = await db.Accounts.FindAsync(s.AccountId);
            account!.QuotaBytes = account.UsedBytes + 100_000; // the reservation is the peak rate over 20 s: about 5 MB
            await db.SaveChangesAsync();
        }

        var error = await Assert.ThrowsAsync<BrowserCopyException>(() => s.Host.Get<BrowserCopyService>().MakeAsync(s.AccountId, s.StreamId, "test", null, CancellationToken.None));

        Assert.StartsWith($"No room for a browser copy of '{s.Source.Title}':", error.Message);
        Assert.Empty(await CopyRowsAsync(s));
        await AssertNothingLeftBehindAsync(s);
    }

    [Fact]
    public async Task A_stream_without_a_source_is_refused_before_a_job_is_queued()
    {
        await using var s = await CutScenario.StartAsync(Settings);
        var empty = await s.Host.AddStreamAsync(s.AccountId, "No video yet");

        var error = await Assert.ThrowsAsync<BrowserCopyException>(() => s.Host.Get<BrowserCopyJobs>().MakeAsync(s.AccountId, empty.Id, "alice", CancellationToken.None));

        Assert.Equal($"Stream {empty.Id} has no source video to make a browser copy of; import one first.", error.Message);
        await using var db = await s.Host.DbAsync();
        Assert.False(await db.Jobs.AnyAsync(j => j.Kind == MakeBrowserCopyRequest.JobKind));
    }

    [Fact]
    public async Task The_start_up_sweep_releases_an_interrupted_copy_and_removes_an_orphan_one()
    {
        await using var s = await CutScenario.StartAsync(Settings);
        var externalId = BrowserCopyService.ExternalId(s.Source.Id);
        var pending = await s.Host.Get<QuotaService>().ReserveAsync(new VodReservation(
            s.AccountId, s.StreamId, VodType.BrowserCopy, null, externalId, "crashed copy", StorageKeys.BrowserCopy(s.AccountId, externalId), 50_000), CancellationToken.None);
        var storage = s.Host.Get<IVodStorage>();
        await storage.PutAsync(pending.Vod.StorageKey, new MemoryStream(new byte[1000]), 1000, CancellationToken.None);
        await storage.PutAsync(StorageKeys.BrowserCopy(s.AccountId, BrowserCopyService.ExternalId(999)), new MemoryStream(new byte[1000]), 1000, CancellationToken.None);

        var repaired = await s.Host.Get<ExportRecoverySweep>().RunAsync(CancellationToken.None);

        Assert.Equal(2, repaired);
        await AssertNothingLeftBehindAsync(s);

        // A job recovered after the crash makes the copy under the same external id.
        var made = await s.Host.Get<BrowserCopyService>().MakeAsync(s.AccountId, s.StreamId, "test", null, CancellationToken.None);
        var copy = await VodAsync(s, made.VodId);
        Assert.Equal((externalId, VodStatus.Stored, false), (copy.ExternalId, copy.Status, made.AlreadyMade));
        await AssertNothingLeftBehindAsync(s);
    }

    private static async Task<Vod> VodAsync(CutScenario s, int id)
    {
        await using var db = await s.Host.DbAsync();
        return await db.Vods.AsNoTracking().SingleAsync(v => v.Id == id);
    }

    private static async Task<List<Vod>> CopyRowsAsync(CutScenario s)
    {
        await using var db = await s.Host.DbAsync();
        return await db.Vods.IgnoreQueryFilters().AsNoTracking().Where(v => v.AccountId == s.AccountId && v.Type == VodType.BrowserCopy).ToListAsync();
    }

    /// <summary>No pending copy, every live copy's object there and no other, no work files, ledger balanced, nothing pinned.</summary>
    private static async Task AssertNothingLeftBehindAsync(CutScenario s)
    {
        var rows = await CopyRowsAsync(s);
        Assert.DoesNotContain(rows, v => v.Status == VodStatus.Pending && v.DeletedAt is null);
        var objects = (await Leftovers.StoredKeysAsync(s.Host.Services, s.AccountId)).Where(k => k.StartsWith(StorageKeys.ExportPrefix(s.AccountId), StringComparison.Ordinal));
        Assert.Equal(rows.Where(v => v.DeletedAt is null).Select(v => v.StorageKey).Order(), objects.Order());
        var ledger = await s.Host.Get<QuotaService>().CheckLedgerAsync(s.AccountId, CancellationToken.None);
        Assert.True(ledger.Balanced, $"ledger {ledger}");
        Assert.Empty(CutScenario.FilesUnder(s.Host.Get<Core.WorkAreas>().Exports.Folder));
        await using var db = await s.Host.DbAsync();
        Assert.False(await db.VodPins.AnyAsync(p => p.ExpiresAt > DateTime.UtcNow), "a pin outlived the copy");
    }
}
