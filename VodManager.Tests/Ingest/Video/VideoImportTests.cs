using System.Security.Cryptography;
using FFMpegCore;
using Microsoft.EntityFrameworkCore;
using VodManager.Core;
using VodManager.Core.Data.Entities;
using VodManager.Core.Ingest;
using VodManager.Core.Ingest.Video;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Media;
using VodManager.Core.Nodes;
using VodManager.Core.Quota;
using VodManager.Core.Storage;
using VodManager.Core.Streams;
using VodManager.Tests.Export;
using VodManager.Tests.Fixtures;
using Xunit.Abstractions;

namespace VodManager.Tests.Ingest.Video;

/// <summary>
/// Server-path and URL imports end to end on real SQLite, ffprobe and storage: what a good file becomes, and that
/// each hostile file is refused with a clear reason and leaves nothing behind. Runs on local disk and on Azurite.
/// </summary>
public abstract class VideoImportTests(ITestOutputHelper output) : IAsyncLifetime
{
    private FileServer _server = default!;

    protected abstract Task<IDictionary<string, string?>> StorageAsync();

    public async Task InitializeAsync() => _server = await FileServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    protected static readonly TestPatternSpec Large = ImportHost.FiveCheckpoints;

    public static TheoryData<string> HostileCases() => [.. HostileVideos.All.Select(c => c.Name)];

    private Task<ImportHost> StartAsync(IDictionary<string, string?>? settings = null, long? quotaBytes = null) =>
        StorageAsync().ContinueWith(s => ImportHost.StartAsync(s.Result, settings, quotaBytes)).Unwrap();

    private static VideoImportTarget Target(ImportHost host, ImportedVideoKind kind = ImportedVideoKind.Archive) =>
        new(host.Account.Id, host.Stream.Id, kind);

    private static string NewAttempt() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_server_file_is_stored_byte_for_byte_with_its_media_facts_and_indexed_once()
    {
        await using var host = await StartAsync();
        var path = host.CopyIntoRoot(await TestMedia.GetAsync(), "my stream.mp4");
        var reports = new List<JobProgress>();

        var imported = await host.Get<VideoImportService>().ImportServerFileAsync(Target(host), path, NewAttempt(), new SyncProgress(reports.Add), CancellationToken.None);

        var vod = imported.Vod;
        Assert.False(imported.AlreadyImported);
        Assert.Equal((VodType.Archive, VodStatus.Stored, "my stream"), (vod.Type, vod.Status, vod.Title));
        Assert.Equal(20, vod.DurationSeconds!.Value, 0.2);
        Assert.Equal(("h264", "aac", 320, 180), (vod.VideoCodec, vod.AudioCodec, vod.Width, vod.Height));
        Assert.Equal(new FileInfo(path).Length, vod.SizeBytes);
        Assert.Equal(await Sha256OfStoredAsync(host, vod.StorageKey), Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path))));
        Assert.Matches("^[0-9a-f]{64}$", (await ReloadAsync(host, vod.Id)).ContentHash);
        Assert.Contains(reports, r => r.Stage == "storing");
        Assert.Equal(100, reports[^1].Percent);

        var index = await host.Get<MediaIndexService>().TryGetAsync(vod.Id, CancellationToken.None);
        Assert.NotNull(index);
        Assert.Equal(10, index.Keyframes.Length);
        Assert.InRange(index.Loudness.Length, 19, 21);
        await using var db = await host.Core.DbAsync();
        Assert.Equal(20, (await db.Streams.SingleAsync(s => s.Id == host.Stream.Id)).DurationSeconds!.Value, 0.2);
        var indexJob = await db.Jobs.SingleAsync(j => j.Kind == IndexMediaRequest.JobKind);
        Assert.Equal(JobStatus.Succeeded, indexJob.Status);
        Assert.Equal("Index keyframes and loudness of 'my stream'", indexJob.Title); // not "of VOD 3": ids mean nothing on the page
        Assert.Empty(await db.VodPins.ToListAsync());
        Assert.True((await host.Get<QuotaService>().CheckLedgerAsync(host.Account.Id, CancellationToken.None)).Balanced);
    }

    [Fact]
    public async Task An_mpeg_ts_recording_with_a_start_offset_is_stored_as_mp4_that_seeks_like_the_original()
    {
        await using var host = await StartAsync();
        var original = await TestMedia.GetAsync(new TestPatternSpec(40));
        using var work = new TempFolder();

        // What streamlink saves of a Twitch VOD: MPEG-TS whose clock starts seconds in. ffmpeg's seek in it lands a
        // keyframe late, so a cut of 0:29 showed 0:30, and no browser plays it.
        var ts = Path.Combine(host.Imports.Path, "streamlink vod.ts");
        await TestMedia.Runner().RunAsync(
            FFMpegArguments.FromFileInput(original, true).OutputToFile(ts, true, o => o.WithCustomArgument("-map 0 -c copy -output_ts_offset 10 -f mpegts")),
            ts, null, null, CancellationToken.None);
        var reference = await Frames.GrayAsync(original, 29, work.Path);
        Assert.True(Frames.MeanDifference(await Frames.GrayAsync(ts, 29, work.Path), reference, 320, 0, 180) > 2, "the fixture reproduces the late seek");

        var reports = new List<JobProgress>();
        var vod = (await host.Get<VideoImportService>().ImportServerFileAsync(Target(host), ts, NewAttempt(), new SyncProgress(reports.Add), CancellationToken.None)).Vod;

        Assert.EndsWith(".mp4", vod.StorageKey);
        Assert.Equal(("h264", "aac"), (vod.VideoCodec, vod.AudioCodec));
        Assert.Equal(40, vod.DurationSeconds!.Value, 0.2);
        Assert.Contains(reports, r => r.Stage == "rewrapping");
        var stored = work.File("stored.mp4");
        await using (var read = await host.Get<IVodStorage>().OpenReadAsync(vod.StorageKey, CancellationToken.None))
        await using (var copy = File.Create(stored))
        {
            await read.CopyToAsync(copy);
        }

        Assert.Equal(new FileInfo(stored).Length, vod.SizeBytes);
        Assert.Contains("mp4", (await TestMedia.Probe().ProbeAsync(stored, CancellationToken.None)).FormatName);
        Assert.Equal(0, Frames.MeanDifference(await Frames.GrayAsync(stored, 29, work.Path), reference, 320, 0, 180), 0.5);
        Assert.Single(await Leftovers.StoredKeysAsync(host.Core.Services, host.Account.Id));
        Assert.True((await host.Get<QuotaService>().CheckLedgerAsync(host.Account.Id, CancellationToken.None)).Balanced);
        Assert.Empty(Directory.EnumerateFiles(host.Get<WorkAreas>().Rewraps.Root, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("mp4")]
    [InlineData("mkv")]
    public async Task A_recording_whose_first_frame_comes_late_is_stored_from_zero_and_one_cut_short_is_still_refused(string container)
    {
        await using var host = await StartAsync();
        var original = await TestMedia.GetAsync(new TestPatternSpec(40));
        using var work = new TempFolder();

        // Remuxed from a longer recording with its timestamps kept: the first frame is due at 10 s. It was refused as
        // "truncated: its video stops at 30 s though it claims to last 50 s", and kept, the browser (from zero) and
        // ffmpeg's seek (from the first frame) would disagree by 10 s.
        var late = Path.Combine(host.Imports.Path, $"part two.{container}");
        await TestMedia.Runner().RunAsync(
            FFMpegArguments.FromFileInput(original, true).OutputToFile(late, true, o => o.WithCustomArgument("-map 0 -c copy -output_ts_offset 10 -movflags +faststart")),
            late, null, null, CancellationToken.None);
        Assert.InRange((await TestMedia.Probe().ProbeAsync(late, CancellationToken.None)).StartSeconds, 9.9, 10.1);

        var reports = new List<JobProgress>();
        var vod = (await host.Get<VideoImportService>().ImportServerFileAsync(Target(host), late, NewAttempt(), new SyncProgress(reports.Add), CancellationToken.None)).Vod;

        Assert.EndsWith("." + container, vod.StorageKey);
        Assert.Equal(40, vod.DurationSeconds!.Value, 0.2);
        Assert.Contains(reports, r => r.Stage == "rewrapping" && r.Message == "its first frame is at 10 s: rewritten from zero, where the player and the chat count from");
        var stored = work.File($"stored.{container}");
        await using (var read = await host.Get<IVodStorage>().OpenReadAsync(vod.StorageKey, CancellationToken.None))
        await using (var copy = File.Create(stored))
        {
            await read.CopyToAsync(copy);
        }

        var media = await TestMedia.Probe().ProbeAsync(stored, CancellationToken.None);
        Assert.InRange(media.StartSeconds, 0, 0.1);
        Assert.Equal(0, Frames.MeanDifference(await Frames.GrayAsync(stored, 29, work.Path), await Frames.GrayAsync(original, 29, work.Path), 320, 0, 180), 0.5);
        Assert.True((await host.Get<QuotaService>().CheckLedgerAsync(host.Account.Id, CancellationToken.None)).Balanced);
        Assert.Empty(Directory.EnumerateFiles(host.Get<WorkAreas>().Rewraps.Root, "*", SearchOption.AllDirectories));

        if (container == "mp4")
        {
            var bytes = await File.ReadAllBytesAsync(late);
            var half = Path.Combine(host.Imports.Path, "part two cut short.mp4");
            await File.WriteAllBytesAsync(half, bytes[..(bytes.Length / 2)]);
            var refused = await Assert.ThrowsAsync<VideoImportException>(() =>
                host.Get<VideoImportService>().ImportServerFileAsync(Target(host), half, NewAttempt(), null, CancellationToken.None));
            Assert.Contains("it is truncated", refused.Message);
            Assert.Single(await Leftovers.StoredKeysAsync(host.Core.Services, host.Account.Id));
        }
    }

    [Fact]
    public async Task An_unfinished_mkv_recording_is_measured_and_stored_with_its_duration_and_index()
    {
        await using var host = await StartAsync();
        var original = await TestMedia.GetAsync(new TestPatternSpec(30));
        using var work = new TempFolder();

        var mkv = Path.Combine(host.Imports.Path, "2026-12-01 20-00-00.mkv");
        await HostileVideos.UnfinishedMkvAsync(original, mkv);
        Assert.Equal(0, (await TestMedia.Probe().ProbeAsync(mkv, CancellationToken.None)).DurationSeconds);

        var reports = new List<JobProgress>();
        var vod = (await host.Get<VideoImportService>().ImportServerFileAsync(Target(host), mkv, NewAttempt(), new SyncProgress(reports.Add), CancellationToken.None)).Vod;

        Assert.EndsWith(".mkv", vod.StorageKey);
        Assert.Equal(30, vod.DurationSeconds!.Value, 0.2);
        Assert.Contains(reports, r => r.Stage == "rewrapping" && r.Message!.Contains("unfinished recording"));
        var stored = work.File("stored.mkv");
        await using (var read = await host.Get<IVodStorage>().OpenReadAsync(vod.StorageKey, CancellationToken.None))
        await using (var copy = File.Create(stored))
        {
            await read.CopyToAsync(copy);
        }

        Assert.Equal(new FileInfo(stored).Length, vod.SizeBytes);
        var media = await TestMedia.Probe().ProbeAsync(stored, CancellationToken.None);
        Assert.Equal(30, media.DurationSeconds, 0.2);
        Assert.Contains("matroska", media.FormatName);
        Assert.Equal(0, Frames.MeanDifference(await Frames.GrayAsync(stored, 21, work.Path), await Frames.GrayAsync(original, 21, work.Path), 320, 0, 180), 0.5);
        Assert.Single(await Leftovers.StoredKeysAsync(host.Core.Services, host.Account.Id));
        Assert.True((await host.Get<QuotaService>().CheckLedgerAsync(host.Account.Id, CancellationToken.None)).Balanced);
        Assert.Empty(Directory.EnumerateFiles(host.Get<WorkAreas>().Rewraps.Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Importing_the_same_file_into_the_same_stream_again_keeps_one_copy()
    {
        await using var host = await StartAsync();
        var path = host.CopyIntoRoot(await TestMedia.GetAsync(), "stream.mp4");
        var imports = host.Get<VideoImportService>();
        var first = await imports.ImportServerFileAsync(Target(host), path, NewAttempt(), null, CancellationToken.None);

        var again = await imports.ImportServerFileAsync(Target(host), host.CopyIntoRoot(path, "renamed copy.mp4"), NewAttempt(), null, CancellationToken.None);
        var byUrl = await imports.ImportUrlAsync(Target(host), _server.Serve("same.mp4", path).Sized("same.mp4"), NewAttempt(), null, CancellationToken.None);

        Assert.True(again.AlreadyImported);
        Assert.True(byUrl.AlreadyImported);
        Assert.Equal(first.Vod.Id, again.Vod.Id);
        Assert.Equal(first.Vod.Id, byUrl.Vod.Id);
        Assert.Single(await Leftovers.StoredKeysAsync(host.Core.Services, host.Account.Id));
        var ledger = await host.Get<QuotaService>().CheckLedgerAsync(host.Account.Id, CancellationToken.None);
        Assert.Equal((first.Vod.SizeBytes, 1), (ledger.LedgerBytes, ledger.LedgerCount));
        Assert.True(ledger.Balanced);
    }

    [Fact]
    public async Task A_download_stored_in_several_checkpoints_is_the_file_byte_for_byte_with_its_content_hash_and_leaves_no_checkpoint()
    {
        await using var host = await StartAsync();
        var path = host.CopyIntoRoot(await TestMedia.GetAsync(Large), "large.mp4");
        Assert.True(new FileInfo(path).Length > 3 << 20, "the video must span several 1 MiB checkpoints");
        var imports = host.Get<VideoImportService>();

        var byUrl = await imports.ImportUrlAsync(Target(host), _server.Serve("large.mp4", path).Sized("large.mp4"), NewAttempt(), null, CancellationToken.None);
        var byFile = await imports.ImportServerFileAsync(Target(host), path, NewAttempt(), null, CancellationToken.None);

        Assert.Equal(await Sha256OfStoredAsync(host, byUrl.Vod.StorageKey), Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path))));
        // The same bytes read in one pass give the same content hash: the second import is known as the first.
        Assert.True(byFile.AlreadyImported);
        Assert.Equal(byUrl.Vod.Id, byFile.Vod.Id);
        Assert.Equal(0, await CheckpointsAsync(host));
        Assert.Single(await Leftovers.StoredKeysAsync(host.Core.Services, host.Account.Id));
    }

    [Fact]
    public async Task A_download_cancelled_after_several_checkpoints_leaves_nothing_staged()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Import:UrlStallTimeout"] = "00:10:00" });
        var path = await TestMedia.GetAsync(Large);
        var url = _server.Serve("large.mp4", path).Fail("large.mp4", new FileServer.Fault.StallAfter((3L << 20) + 1000)).Sized("large.mp4");
        using var cancel = new CancellationTokenSource();

        var import = host.Get<VideoImportService>().ImportUrlAsync(Target(host), url, NewAttempt(), null, cancel.Token);
        for (var waited = 0; await CheckpointsAsync(host) < 3; waited++)
        {
            Assert.True(waited < 600 && !import.IsCompleted, $"three checkpoints were not stored ({await CheckpointsAsync(host)}); {import.Status}");
            await Task.Delay(50);
        }

        Assert.NotEmpty(await Leftovers.StoredKeysAsync(host.Core.Services, host.Account.Id));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => import);
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
        Assert.Equal(0, await CheckpointsAsync(host));
    }

    [Fact]
    public async Task A_download_a_dead_node_stored_in_part_goes_on_from_its_last_checkpoint()
    {
        await using var host = await StartAsync();
        var path = host.CopyIntoRoot(await TestMedia.GetAsync(Large), "large.mp4");
        var url = _server.Serve("large.mp4", path).Sized("large.mp4");
        var attempt = NewAttempt();
        await DieAfterCheckpointsAsync(host, attempt, url, checkpoints: 3);
        var asked = _server.RangeStarts.Count;

        var imported = await host.Get<VideoImportService>().ImportUrlAsync(Target(host), url, attempt, null, CancellationToken.None);

        // Asked once whole (is it the same file?), then for the rest from the last checkpoint on.
        Assert.Equal([0L, 3L << 20], _server.RangeStarts.Skip(asked));
        Assert.Equal(await Sha256OfStoredAsync(host, imported.Vod.StorageKey), Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path))));
        Assert.Equal(0, await CheckpointsAsync(host));
        Assert.Single(await Leftovers.StoredKeysAsync(host.Core.Services, host.Account.Id));
        Assert.True((await host.Get<QuotaService>().CheckLedgerAsync(host.Account.Id, CancellationToken.None)).Balanced);
    }

    [Fact]
    public async Task A_file_replaced_on_the_server_after_a_node_died_is_downloaded_whole_from_the_start()
    {
        await using var host = await StartAsync();
        var path = host.CopyIntoRoot(await TestMedia.GetAsync(Large), "large.mp4");
        var url = _server.Serve("large.mp4", path).Sized("large.mp4");
        var attempt = NewAttempt();
        await DieAfterCheckpointsAsync(host, attempt, url, checkpoints: 2);
        // Published as a publisher does, by a rename over it: the server may still be ending its answer to the dead
        // node, with the old file open (a copy over it then failed, .NET's lock on the file it writes).
        var replacement = path + ".new";
        File.Copy(await TestMedia.GetAsync(), replacement);
        File.Move(replacement, path, overwrite: true);
        var asked = _server.RangeStarts.Count;

        var imported = await host.Get<VideoImportService>().ImportUrlAsync(Target(host), url, attempt, null, CancellationToken.None);

        Assert.Equal([0L], _server.RangeStarts.Skip(asked));
        Assert.Equal(await Sha256OfStoredAsync(host, imported.Vod.StorageKey), Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path))));
        Assert.Equal(0, await CheckpointsAsync(host));
        Assert.Single(await Leftovers.StoredKeysAsync(host.Core.Services, host.Account.Id));
        Assert.True((await host.Get<QuotaService>().CheckLedgerAsync(host.Account.Id, CancellationToken.None)).Balanced);
    }

    [Fact]
    public async Task A_recovered_download_that_then_fails_leaves_nothing_of_either_attempt()
    {
        await using var host = await StartAsync();
        var url = _server.Serve("large.mp4", await TestMedia.GetAsync(Large)).Sized("large.mp4");
        var attempt = NewAttempt();
        await DieAfterCheckpointsAsync(host, attempt, url, checkpoints: 2);
        _server.Fail("large.mp4", new FileServer.Fault.Status(404));

        var error = await Assert.ThrowsAsync<VideoImportException>(() => host.Get<VideoImportService>().ImportUrlAsync(Target(host), url, attempt, null, CancellationToken.None));

        Assert.EndsWith("/f/large.mp4' answered 404 Not Found.", error.Message);
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
        Assert.Equal(0, await CheckpointsAsync(host));
    }

    /// <summary>
    /// What a node that dies part-way through downloading <paramref name="url"/> leaves, made by the import's own
    /// parts: the pending VOD with its reservation, and the first <paramref name="checkpoints"/> checkpoints staged and
    /// recorded (the read breaks off after them, and nothing runs after the break to clear up).
    /// </summary>
    private static async Task<Vod> DieAfterCheckpointsAsync(ImportHost host, string attempt, Uri url, int checkpoints)
    {
        await using var download = await host.Get<UrlDownloader>().OpenAsync(url, CancellationToken.None);
        var (name, length) = (download.FileName, download.Length);
        var write = await host.Get<VideoImportService>().BeginAsync(Target(host), attempt, name, length ?? 0, CancellationToken.None);
        write.HandOver();
        using var hasher = new ContentHasher();
        var dying = new HashingReadStream(download.Content, hasher, ((long)checkpoints << 20) + 1000, _ => new IOException("the node died"));
        var resume = new DownloadResume(download.Validator, download.FileLength);
        await Assert.ThrowsAsync<IOException>(() => host.Get<DownloadCheckpoints>().StoreAsync(write.Vod, null, dying, hasher, () => resume, name, length, CancellationToken.None));
        Assert.Equal(checkpoints, await CheckpointsAsync(host, write.Vod.Id));
        return write.Vod;
    }

    /// <summary>The checkpoints recorded, of every download or of the pending VOD <paramref name="vodId"/>.</summary>
    private static async Task<int> CheckpointsAsync(ImportHost host, int? vodId = null)
    {
        await using var db = await host.Core.DbAsync();
        return await db.DownloadCheckpoints.CountAsync(c => vodId == null || c.VodId == vodId);
    }

    [Fact]
    public async Task At_start_up_an_import_no_job_ran_is_released_once_its_process_is_gone()
    {
        await using var host = await StartAsync();
        var imports = host.Get<VideoImportService>();
        // What a demo seed leaves when its process is killed mid-import, and one still importing in this process.
        var dead = await imports.BeginAsync(Target(host), VideoImportService.LocalAttempt(Guid.NewGuid().ToString("N")), "demo.mp4", 50_000, CancellationToken.None);
        var alive = await imports.BeginAsync(Target(host), VideoImportService.LocalAttempt(host.Get<LocalNode>().Id), "demo.mp4", 50_000, CancellationToken.None);
        dead.HandOver();
        alive.HandOver();

        var released = await host.Get<VideoImportRecoverySweep>().RunAsync((_, _) => Task.FromResult(false), CancellationToken.None);

        Assert.Equal(1, released);
        await using var db = await host.Core.DbAsync();
        Assert.Equal([alive.Vod.Id], await db.Vods.IgnoreQueryFilters().Select(v => v.Id).ToListAsync());
        Assert.True((await host.Get<QuotaService>().CheckLedgerAsync(host.Account.Id, CancellationToken.None)).Balanced);
    }

    [Fact]
    public async Task At_start_up_a_download_whose_job_will_not_run_again_is_released_and_one_still_running_is_kept()
    {
        await using var host = await StartAsync();
        var url = _server.Serve("large.mp4", await TestMedia.GetAsync(Large)).Sized("large.mp4");
        var (dead, alive) = (Guid.NewGuid(), Guid.NewGuid());
        await DieAfterCheckpointsAsync(host, dead.ToString("N"), url, checkpoints: 2);
        var running = await DieAfterCheckpointsAsync(host, alive.ToString("N"), url, checkpoints: 3);
        await using (var db = await host.Core.DbAsync())
        {
            // One's node died; the other's runs on (this node stands in for the CLI's live process).
            db.Jobs.AddRange(
                Builders.Job(host.Account.Id, null, ImportVideoUrlRequest.JobKind, JobStatus.Running, "a-node-that-died", id: dead),
                Builders.Job(host.Account.Id, null, ImportVideoUrlRequest.JobKind, JobStatus.Running, host.Get<LocalNode>().Id, id: alive));
            await db.SaveChangesAsync();
        }

        var willRun = await host.Get<InterruptedJobs>().SettleAsync((_, _) => Task.FromResult(false), CancellationToken.None);
        var released = await host.Get<VideoImportRecoverySweep>().RunAsync(willRun, CancellationToken.None);

        Assert.Equal(1, released);
        var staged = await Leftovers.StoredKeysAsync(host.Core.Services, host.Account.Id);
        Assert.StartsWith(running.StorageKey, Assert.Single(staged)); // on disk, the partial file beside the key
        Assert.Equal((3, 3), (await CheckpointsAsync(host), await CheckpointsAsync(host, running.Id)));
        await using (var db = await host.Core.DbAsync())
        {
            Assert.Equal([running.Id], await db.Vods.IgnoreQueryFilters().Select(v => v.Id).ToListAsync());
            var jobs = await db.Jobs.AsNoTracking().ToDictionaryAsync(j => j.Id);
            Assert.Equal((JobStatus.Failed, InterruptedJobs.Reason), (jobs[dead].Status, jobs[dead].Error));
            Assert.Equal(JobStatus.Running, jobs[alive].Status);
        }

        Assert.True((await host.Get<QuotaService>().CheckLedgerAsync(host.Account.Id, CancellationToken.None)).Balanced);

        // The one still running goes on from its checkpoints and ends with one stored video.
        var imported = await host.Get<VideoImportService>().ImportUrlAsync(Target(host), url, alive.ToString("N"), null, CancellationToken.None);
        Assert.Equal(running.Id, imported.Vod.Id);
        Assert.Equal(0, await CheckpointsAsync(host));
        Assert.Equal([running.StorageKey], await Leftovers.StoredKeysAsync(host.Core.Services, host.Account.Id));
        Assert.True((await host.Get<QuotaService>().CheckLedgerAsync(host.Account.Id, CancellationToken.None)).Balanced);
    }

    [Fact]
    public async Task A_platform_highlight_is_stored_and_listed_but_is_never_a_source_and_triggers_nothing()
    {
        await using var host = await StartAsync();
        var path = host.CopyIntoRoot(await TestMedia.GetAsync(), "Twitch highlight.mp4");

        var imported = await host.Get<VideoImportService>().ImportServerFileAsync(Target(host, ImportedVideoKind.PlatformHighlight), path, NewAttempt(), null, CancellationToken.None);

        Assert.Equal((VodType.Highlight, VodProvenance.PlatformHighlight, VodStatus.Stored), (imported.Vod.Type, imported.Vod.Provenance, imported.Vod.Status));
        Assert.Null(imported.Vod.HighlightId);
        Assert.Null(await host.Get<StreamCatalog>().GetSourceAsync(host.Account.Id, host.Stream.Id, CancellationToken.None));
        Assert.Null(await host.Get<MediaIndexService>().TryGetAsync(imported.Vod.Id, CancellationToken.None));
        await using var db = await host.Core.DbAsync();
        Assert.Empty(await db.Jobs.ToListAsync());
        Assert.Null((await db.Streams.SingleAsync(s => s.Id == host.Stream.Id)).DurationSeconds);
    }

    [Theory]
    [MemberData(nameof(HostileCases))]
    public async Task A_hostile_server_file_is_refused_with_its_reason_and_nothing_is_left(string name)
    {
        await using var host = await StartAsync();
        var hostile = HostileVideos.All.Single(c => c.Name == name);
        var path = await hostile.WriteAsync(host.Imports.Path);

        var error = await Assert.ThrowsAsync<VideoImportException>(() =>
            host.Get<VideoImportService>().ImportServerFileAsync(Target(host), path, NewAttempt(), null, CancellationToken.None));

        output.WriteLine(error.Message);
        Assert.Contains(hostile.Expected, error.Message);
        Assert.Contains(Path.GetFileName(path), error.Message);
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
    }

    [Theory]
    [MemberData(nameof(HostileCases))]
    public async Task A_hostile_download_is_refused_after_storing_and_its_bytes_are_removed(string name)
    {
        await using var host = await StartAsync();
        var hostile = HostileVideos.All.Single(c => c.Name == name);
        var path = await hostile.WriteAsync(host.Imports.Path);
        var file = Path.GetFileName(path);

        var error = await Assert.ThrowsAsync<VideoImportException>(() =>
            host.Get<VideoImportService>().ImportUrlAsync(Target(host), _server.Serve(file, path).Unsized(file), NewAttempt(), null, CancellationToken.None));

        output.WriteLine(error.Message);
        Assert.Contains(hostile.ExpectedByUrl ?? hostile.Expected, error.Message);
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
    }

    [Fact]
    public async Task A_url_is_downloaded_through_redirects_with_progress()
    {
        await using var host = await StartAsync();
        var path = await TestMedia.GetAsync();
        var reports = new List<JobProgress>();

        var imported = await host.Get<VideoImportService>().ImportUrlAsync(Target(host), _server.Serve("vod.mp4", path).Redirecting(3, "vod.mp4"), NewAttempt(), new SyncProgress(reports.Add), CancellationToken.None);

        Assert.Equal(VodStatus.Stored, imported.Vod.Status);
        Assert.Equal(new FileInfo(path).Length, imported.Vod.SizeBytes);
        Assert.Contains(reports, r => r.Stage == "storing" && r.Message!.Contains(" of "));
        Assert.Equal(await Sha256OfStoredAsync(host, imported.Vod.StorageKey), Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path))));
    }

    [Fact]
    public async Task Too_many_redirects_are_refused_naming_the_setting()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Import:UrlMaxRedirects"] = "2" });
        _server.Serve("vod.mp4", await TestMedia.GetAsync());

        var error = await Assert.ThrowsAsync<VideoImportException>(() =>
            host.Get<VideoImportService>().ImportUrlAsync(Target(host), _server.Redirecting(3, "vod.mp4"), NewAttempt(), null, CancellationToken.None));

        Assert.Contains("more than 2 redirects (setting Import:UrlMaxRedirects)", error.Message);
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
    }

    [Fact]
    public async Task A_redirect_to_another_scheme_is_refused()
    {
        await using var host = await StartAsync();

        var error = await Assert.ThrowsAsync<VideoImportException>(() =>
            host.Get<VideoImportService>().ImportUrlAsync(Target(host), _server.RedirectingTo("file:///etc/passwd"), NewAttempt(), null, CancellationToken.None));

        Assert.Contains("only http and https URLs can be imported", error.Message);
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
    }

    [Fact]
    public async Task A_download_announced_over_the_limit_is_refused_before_anything_is_stored()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Import:UrlMaxBytes"] = "1000000" });
        var path = await TestMedia.GetAsync();

        var error = await Assert.ThrowsAsync<VideoImportException>(() =>
            host.Get<VideoImportService>().ImportUrlAsync(Target(host), _server.Serve("big.mp4", path).Sized("big.mp4"), NewAttempt(), null, CancellationToken.None));

        Assert.Contains("over the 976.6 KB limit (setting Import:UrlMaxBytes)", error.Message);
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
    }

    [Fact]
    public async Task A_download_without_a_size_is_cut_off_at_the_limit_while_streaming()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Import:UrlMaxBytes"] = "1000000" });
        var path = await TestMedia.GetAsync();

        var error = await Assert.ThrowsAsync<VideoImportException>(() =>
            host.Get<VideoImportService>().ImportUrlAsync(Target(host), _server.Serve("big.mp4", path).Unsized("big.mp4"), NewAttempt(), null, CancellationToken.None));

        Assert.Contains("the download passed 976.6 KB (setting Import:UrlMaxBytes)", error.Message);
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
    }

    [Fact]
    public async Task A_file_that_does_not_fit_the_quota_is_refused_before_a_byte_is_copied()
    {
        await using var host = await StartAsync(quotaBytes: 1_000_000);
        var path = host.CopyIntoRoot(await TestMedia.GetAsync(), "stream.mp4");

        var error = await Assert.ThrowsAsync<QuotaExceededException>(() =>
            host.Get<VideoImportService>().ImportServerFileAsync(Target(host), path, NewAttempt(), null, CancellationToken.None));

        Assert.Contains("976.6 KB quota", error.Message);
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
    }

    [Fact]
    public async Task A_download_without_a_size_stops_at_the_free_quota()
    {
        await using var host = await StartAsync(quotaBytes: 1_000_000);
        var path = await TestMedia.GetAsync();

        var error = await Assert.ThrowsAsync<VideoImportException>(() =>
            host.Get<VideoImportService>().ImportUrlAsync(Target(host), _server.Serve("big.mp4", path).Unsized("big.mp4"), NewAttempt(), null, CancellationToken.None));

        Assert.Contains("the free space of account 'Test account'", error.Message);
        await Leftovers.AssertNoneAsync(host.Core.Services, host.Account.Id);
    }

    [Fact]
    public async Task Deleting_a_source_is_refused_while_its_index_job_has_it_pinned()
    {
        await using var host = await StartAsync(new Dictionary<string, string?>(), quotaBytes: null);
        var path = host.CopyIntoRoot(await TestMedia.GetAsync(), "stream.mp4");
        var vod = (await host.Get<VideoImportService>().ImportServerFileAsync(Target(host), path, NewAttempt(), null, CancellationToken.None)).Vod;
        await using (var db = await host.Core.DbAsync())
        {
            await db.VodMediaIndexes.Where(i => i.VodId == vod.Id).ExecuteDeleteAsync();
        }

        // The job stops at its first progress report until the test has tried the delete.
        using var indexing = new SemaphoreSlim(0);
        using var proceed = new SemaphoreSlim(0);
        var progress = new SyncProgress(_ =>
        {
            indexing.Release();
            proceed.Wait();
        });
        var job = Task.Run(() => host.Get<MediaIndexService>().RunAsync(new IndexMediaRequest { AccountId = host.Account.Id, VodId = vod.Id }, new JobContext(Guid.NewGuid(), false, progress), CancellationToken.None));
        await indexing.WaitAsync(TimeSpan.FromSeconds(30));

        var refused = await Assert.ThrowsAsync<VodInUseException>(() => host.Get<QuotaService>().DeleteAsync(host.Account.Id, vod.Id, CancellationToken.None));
        proceed.Release(1000);
        await job;

        Assert.Equal(vod.Id, refused.VodId);
        await host.Get<QuotaService>().DeleteAsync(host.Account.Id, vod.Id, CancellationToken.None);
        Assert.Empty(await Leftovers.StoredKeysAsync(host.Core.Services, host.Account.Id));
    }

    private static async Task<string> Sha256OfStoredAsync(ImportHost host, string key)
    {
        await using var stored = await host.Get<IVodStorage>().OpenReadAsync(key, CancellationToken.None);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stored));
    }

    private static async Task<Vod> ReloadAsync(ImportHost host, int vodId)
    {
        await using var db = await host.Core.DbAsync();
        return await db.Vods.SingleAsync(v => v.Id == vodId);
    }
}
