using System.Text.Json;
using FFMpegCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VodManager.Core.Data.Entities;
using VodManager.Core.Ingest;
using VodManager.Core.Ingest.Video;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Media;
using VodManager.Core.Quota;
using VodManager.Core.Storage;
using VodManager.Tests.Cutting;
using VodManager.Tests.Fixtures;
using Xunit.Abstractions;
using Fault = VodManager.Tests.Fixtures.FileServer.Fault;

namespace VodManager.Tests.Ingest.Video;

/// <summary>
/// The real host as a child process downloads a video from a real HTTP server and is SIGKILLed part-way, after some
/// checkpoints were stored; the next host recovers the job and goes on from the last checkpoint: the server is asked
/// only for what follows it, and the stored video is the file, byte for byte, with nothing left behind.
/// </summary>
[Collection(CrashCollection.Name)]
[Trait(Speed.Name, Speed.Slow)]
public sealed class UrlImportCrashRecoveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempFolder _published = new("published");
    private FileServer _server = default!;

    public async Task InitializeAsync() => _server = await FileServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _published.Dispose();
    }

    [Fact]
    public async Task A_file_download_killed_part_way_goes_on_from_its_last_checkpoint_after_the_restart()
    {
        var path = _published.File("vod.mp4");
        File.Copy(await TestMedia.GetAsync(ImportHost.FiveCheckpoints), path);
        // The first answer stops part-way and hangs, so the node dies mid-download; the recovered job's first request
        // (which only checks the file is the same) sends no body, so every byte after the kill is the range it asks for.
        _server.Serve("vod.mp4", path).Fail("vod.mp4", new Fault.StallAfter((3L << 20) + 1000), new Fault.StallAfter(0));

        var run = await KillAndRecoverAsync(new Dictionary<string, string?>(), _server.Sized("vod.mp4"), checkpoints: 3);

        var length = new FileInfo(path).Length;
        Assert.Equal(run.StoppedAt, _server.RangeStarts.Last());
        Assert.Equal(length - run.StoppedAt, run.SentAfter);
        Assert.Equal(await File.ReadAllBytesAsync(path), run.Stored);
        Assert.Equal(Hash(await File.ReadAllBytesAsync(path)), run.Vod.ContentHash);
    }

    [Fact]
    public async Task An_hls_download_on_blob_storage_killed_part_way_goes_on_from_the_segment_of_its_last_checkpoint()
    {
        var folder = Directory.CreateDirectory(_published.File("hls")).FullName;
        var playlist = Path.Combine(folder, "index.m3u8");
        await FFMpegArguments.FromFileInput(await TestMedia.GetAsync(ImportHost.FiveCheckpoints))
            .OutputToFile(playlist, true, o => o.WithCustomArgument($"-c copy -f hls -hls_time 2 -hls_playlist_type vod -hls_segment_filename \"{Path.Combine(folder, "seg%03d.ts")}\""))
            .ProcessAsynchronously();
        var segments = File.ReadAllLines(playlist).Where(l => l.EndsWith(".ts", StringComparison.Ordinal)).ToList();
        Assert.True(segments.Count >= 8, $"{segments.Count} segments");
        _server.ServeFolder(folder).Fail(segments[6], new Fault.StallAfter(100_000));

        var run = await KillAndRecoverAsync(await ImportHost.BlobStorageAsync(), _server.Sized("index.m3u8"), checkpoints: 2);

        // Asked again: the playlist, and the segments from the one the last checkpoint was in, not those before it.
        var part = run.Resume.Hls!.Part;
        Assert.InRange(part, 1, 5);
        Assert.Equal(["index.m3u8", .. segments[part..]], run.AskedAfter.Order());
        var joined = segments.SelectMany(s => File.ReadAllBytes(Path.Combine(folder, s))).ToArray();
        Assert.Equal(Hash(joined), run.Vod.ContentHash);
        Assert.InRange(run.Vod.DurationSeconds!.Value, 19.5, 20.5);
    }

    /// <summary>
    /// Queues a URL import, lets a host store <paramref name="checkpoints"/> checkpoints of it and kills it, then lets
    /// a second host finish the recovered job; checks the job succeeded and nothing was left behind.
    /// </summary>
    private async Task<Recovered> KillAndRecoverAsync(IDictionary<string, string?> storage, Uri url, int checkpoints)
    {
        var settings = new Dictionary<string, string?>(storage)
        {
            ["Import:AllowPrivateAddresses"] = "true",
            ["Import:UrlCheckpointBytes"] = (1 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
            // A stalled answer is waited on, not taken up again: the node dies first.
            ["Import:UrlStallTimeout"] = "00:10:00",
        };
        var host = await CoreHost.StartAsync(settings);
        await using var _ = host;
        var (account, stream) = await host.AddAccountWithStreamAsync();
        var jobId = await CutScenario.EnqueueAsync(settings, host.DataFolder,
            services => services.GetRequiredService<ImportJobs>().ImportVideoUrlAsync(account.Id, stream.Id, ImportedVideoKind.Archive, url, "crash-test", CancellationToken.None));
        var environment = settings.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key.Replace(":", "__"), kv => kv.Value!);
        environment["VodManager__DataFolder"] = host.DataFolder;
        environment["VodManager__SeedDemo"] = "false";
        var log = new ProcessLog();

        var first = WebHostProcess.StartServer(environment, line => log.Append("first: " + line));
        try
        {
            await CutScenario.WaitUntilAsync(host, async db => await db.DownloadCheckpoints.CountAsync() >= checkpoints, TimeSpan.FromSeconds(90), log);
        }
        finally
        {
            ChildProcess.Stop(first);
        }

        DownloadCheckpoint last;
        await using (var db = await host.DbAsync())
        {
            last = await db.DownloadCheckpoints.AsNoTracking().OrderByDescending(c => c.Index).FirstAsync();
            Assert.Equal(VodStatus.Pending, (await db.Vods.AsNoTracking().SingleAsync(v => v.Id == last.VodId)).Status);
        }

        output.WriteLine($"killed at {last.End} bytes, checkpoint {last.Index}: {last.Resume}");
        var (sentBefore, askedBefore) = (_server.BytesSent, _server.Asked.Count);
        var second = WebHostProcess.StartServer(environment, line => log.Append("second: " + line));
        try
        {
            await CutScenario.WaitUntilAsync(host, async db => await db.Jobs.AnyAsync(j => j.Id == jobId && (j.Status == JobStatus.Succeeded || j.Status == JobStatus.Failed)),
                TimeSpan.FromSeconds(120), log);
        }
        finally
        {
            ChildProcess.Stop(second);
        }

        await using (var db = await host.DbAsync())
        {
            var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
            Assert.True(job.Status == JobStatus.Succeeded, $"job {job.Status}: {job.Error}\n{log}");
            Assert.Empty(await db.DownloadCheckpoints.ToListAsync());
            var vod = await db.Vods.AsNoTracking().SingleAsync(v => v.AccountId == account.Id);
            Assert.Equal((VodStatus.Stored, last.VodId), (vod.Status, vod.Id));
            // One object, the video's: no partial file or uncommitted block of either attempt.
            Assert.Equal([vod.StorageKey], await Leftovers.StoredKeysAsync(host.Services, account.Id));
            Assert.True((await host.Get<QuotaService>().CheckLedgerAsync(account.Id, CancellationToken.None)).Balanced);
            await using var stored = await host.Get<IVodStorage>().OpenReadAsync(vod.StorageKey, CancellationToken.None);
            using var bytes = new MemoryStream();
            await stored.CopyToAsync(bytes);
            return new Recovered(vod, bytes.ToArray(), last.End, JsonSerializer.Deserialize<DownloadResume>(last.Resume)!, _server.BytesSent - sentBefore, [.. _server.Asked.Skip(askedBefore)]);
        }
    }

    private static string Hash(byte[] bytes)
    {
        using var hasher = new ContentHasher();
        hasher.Append(bytes);
        return ContentHasher.Combine([hasher.CompleteBlocks()]);
    }

    /// <param name="StoppedAt">Where the last checkpoint before the kill ended.</param>
    /// <param name="SentAfter">Bytes the server sent after the kill.</param>
    /// <param name="AskedAfter">What the server was asked for after the kill.</param>
    private sealed record Recovered(Vod Vod, byte[] Stored, long StoppedAt, DownloadResume Resume, long SentAfter, IReadOnlyList<string> AskedAfter);
}
