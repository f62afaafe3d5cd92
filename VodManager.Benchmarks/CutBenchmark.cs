using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VodManager.Core;
using VodManager.Core.Cutting;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Ingest;
using VodManager.Core.Media;
using VodManager.Core.Storage;

namespace VodManager.Benchmarks;

/// <summary>
/// `cut`: a 30-minute 720p30 ~3 Mbit/s stream archive (2 s GOP, AAC, MP4) in Azurite behind a byte-counting relay.
/// A batch of ten 30 s copy cuts through the real cutter on local-disk storage against the same cuts by plain ffmpeg
/// from the local file; one cut and the batch from Blob against plain ffmpeg over the SAS URL plus an SDK upload of
/// each clip; then smart versus full re-encode of 30 s clips. Each run prints where its time went (the product's
/// spans); the last line is the JSON the issue asks for.
/// </summary>
public sealed class CutBenchmark : IBenchmark
{
    private const double SourceSeconds = 1800;
    private const double ClipSeconds = 30;
    private const int BatchSize = 10;
    private static readonly TestPatternSpec Segment = new(120, 1280, 720, 30, 2, [new LoudMoment(40, 3)], VideoBitrateKbps: 3000);
    private static readonly double[] SmartStarts = [100.37, 700.81, 1500.52];

    public string Name => "cut";

    public string Description => "clip cutting from local disk and Blob vs plain ffmpeg (stage breakdown), bytes read, smart vs re-encode; --only local,blob,smart";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var work = Option(args, "--work") is { } folder ? Path.GetFullPath(folder) : Path.Combine(Path.GetTempPath(), "vodmanager-bench-cut");
        var only = Option(args, "--only")?.Split(',') ?? ["local", "blob", "smart"];
        Directory.CreateDirectory(work);
        var source = await EnsureSourceAsync(work, cancellationToken);
        var starts = Enumerable.Range(0, BatchSize).Select(i => 45.3 + i * 172.1).ToArray();
        using var stages = new StageTimes();

        double localWall = 0, cliWall = 0;
        if (only.Contains("local"))
        {
            (localWall, cliWall) = await LocalAsync(source, starts, work, stages, cancellationToken);
        }

        if (!only.Contains("blob"))
        {
            if (only.Contains("local"))
            {
                Log(string.Create(CultureInfo.InvariantCulture, $"local batch {localWall:0.00} s vs plain ffmpeg {cliWall:0.00} s ({localWall / cliWall:0.00}x)"));
            }

            if (only.Contains("smart"))
            {
                await using var local = BenchmarkHost.Build(FreshData(work, "data-local"));
                await SmartAsync(local, source, work, stages, cancellationToken);
            }

            return 0;
        }

        await using var azurite = await Azurite.StartNewAsync();
        await using var relay = new CountingTcpProxy(azurite.Port);
        await using var services = BenchmarkHost.Build(FreshData(work, "data"), new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureBlob",
            ["Storage:AzureBlob:ConnectionString"] = Azurite.ConnectionStringFor(relay.Port),
            ["Storage:AzureBlob:Container"] = "bench",
        });
        var (blobAccount, blobStream, sourceVod) = await ImportAsync(services, source, cancellationToken);
        var cutter = services.GetRequiredService<ClipCutter>();

        Log("single 30 s copy cut from Blob");
        var single = await AddHighlightsAsync(services, blobAccount, blobStream, [600.4], cancellationToken);
        relay.Reset();
        stages.Reset();
        var singleWatch = Stopwatch.StartNew();
        var singleResult = (await cutter.CutAsync(new CutBatch(blobAccount, single, CutMode.Copy, "bench-single", "bench"), null, cancellationToken)).Single();
        singleWatch.Stop();
        stages.Print("Blob: single 30 s copy cut", singleWatch.Elapsed.TotalSeconds);
        var bytesPerClip = relay.ServerBytes;
        var clipBytes = await ClipSizeAsync(services, singleResult, cancellationToken);

        Log($"batch of {BatchSize} copy cuts from Blob");
        var batch = await AddHighlightsAsync(services, blobAccount, blobStream, starts, cancellationToken);
        relay.Reset();
        stages.Reset();
        var batchWall = await CutBatchAsync(services, new CutBatch(blobAccount, batch, CutMode.Copy, "bench-batch", "bench"), BatchSize, cancellationToken);
        stages.Print($"Blob: batch of {BatchSize} copy cuts", batchWall);
        var batchBytes = relay.ServerBytes;

        Log($"the same {BatchSize} cuts by plain ffmpeg over the SAS URL, each uploaded with the Azure SDK");
        var storage = (AzureBlobStorage)services.GetRequiredService<IVodStorage>();
        var sas = (await storage.GetReadUrlAsync(sourceVod.StorageKey, TimeSpan.FromHours(1), cancellationToken)).ToString();
        var blobBaselineWall = await PlainFfmpegAsync(starts.Select(s => sas).ToArray(), starts, Path.Combine(work, "cli-blob"), storage.Container, cancellationToken);

        var (smartWall, reencodeWall, smartError, fallbacks) = only.Contains("smart") ? await SmartAsync(services, source, work, stages, cancellationToken) : default;

        var result = new CutFigures(
            clipBytes, bytesPerClip, Math.Round((double)bytesPerClip / clipBytes, 3), BatchSize, batchBytes, sourceVod.SizeBytes,
            Math.Round(batchWall, 2), Math.Round(blobBaselineWall, 2), Math.Round(localWall, 2), Math.Round(cliWall, 2),
            Math.Round(smartError, 2), Math.Round(smartWall, 2), Math.Round(reencodeWall, 2));
        PrintTable(result, singleWatch.Elapsed.TotalSeconds, fallbacks);
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static async Task<(double LocalWall, double CliWall)> LocalAsync(string source, double[] starts, string work, StageTimes stages, CancellationToken cancellationToken)
    {
        Log($"batch of {BatchSize} copy cuts from local-disk storage");
        double localWall;
        await using (var local = BenchmarkHost.Build(FreshData(work, "data-local"), new Dictionary<string, string?> { ["Storage:Provider"] = "LocalDisk" }))
        {
            var (accountId, streamId, _) = await ImportAsync(local, source, cancellationToken);
            var ids = await AddHighlightsAsync(local, accountId, streamId, starts, cancellationToken);
            stages.Reset();
            localWall = await CutBatchAsync(local, new CutBatch(accountId, ids, CutMode.Copy, "bench-local", "bench"), BatchSize, cancellationToken);
            stages.Print($"local-disk batch of {BatchSize} copy cuts", localWall);
        }

        Log($"the same {BatchSize} cuts by plain ffmpeg from the local file");
        return (localWall, await PlainFfmpegAsync(starts.Select(s => source).ToArray(), starts, Path.Combine(work, "cli"), null, cancellationToken));
    }

    private static async Task<(double Smart, double Reencode, double MaxErrorFrames, int Fallbacks)> SmartAsync(
        ServiceProvider services, string source, string work, StageTimes stages, CancellationToken cancellationToken)
    {
        Log("smart cut vs full re-encode (local file)");
        stages.Reset();
        var figures = await SmartVersusReencodeAsync(services, source, Path.Combine(work, "smart"), cancellationToken);
        stages.Print($"smart cuts and full re-encodes of {SmartStarts.Length} clips each", (figures.Smart + figures.Reencode) * SmartStarts.Length);
        Log(string.Create(CultureInfo.InvariantCulture, $"smart {figures.Smart:0.00} s vs re-encode {figures.Reencode:0.00} s per clip ({figures.Smart / figures.Reencode:0.00}x), max error {figures.MaxErrorFrames:0.##} frames, {figures.Fallbacks} fallbacks"));
        return figures;
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    /// <summary>One batch through the real cutter; every highlight must come out as a clip.</summary>
    private static async Task<double> CutBatchAsync(ServiceProvider services, CutBatch batch, int expected, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var results = await services.GetRequiredService<ClipCutter>().CutAsync(batch, null, cancellationToken);
        watch.Stop();
        var cut = results.Count(r => r.Outcome == CutOutcome.Cut);
        if (cut != expected)
        {
            throw new InvalidOperationException($"{batch.ClaimToken}: {cut} of {expected} highlights were cut: {string.Join("; ", results.Where(r => r.Outcome != CutOutcome.Cut))}");
        }

        return watch.Elapsed.TotalSeconds;
    }

    private static string FreshData(string work, string name)
    {
        var data = Path.Combine(work, name);
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        return data;
    }

    private static async Task<string> EnsureSourceAsync(string work, CancellationToken cancellationToken)
    {
        var source = Path.Combine(work, "source-1800s-720p30-3mbit.mp4");
        if (File.Exists(source))
        {
            return source;
        }

        Log("generating the 30-minute source (once; cached in " + work + ")");
        var runner = TestMedia.Runner();
        var segment = Path.Combine(work, "segment.mp4");
        await runner.RunAsync(FfmpegArguments.TestPattern(Segment, segment), segment, null, null, cancellationToken);
        var list = Path.Combine(work, "segments.ffconcat");
        await File.WriteAllTextAsync(list, FfmpegArguments.ConcatList(Enumerable.Repeat((segment, Segment.DurationSeconds), (int)(SourceSeconds / Segment.DurationSeconds))), cancellationToken);
        var partial = source + ".partial.mp4";
        await runner.RunAsync(FfmpegArguments.ConcatCopy(list, partial), partial, null, null, cancellationToken);
        File.Move(partial, source);
        File.Delete(segment);
        File.Delete(list);
        return source;
    }

    private static async Task<(int AccountId, int StreamId, Vod Source)> ImportAsync(ServiceProvider services, string source, CancellationToken cancellationToken)
    {
        await BenchmarkHost.PrepareAsync(services, cancellationToken);
        var accountId = await BenchmarkHost.AddAccountAsync(services, "Benchmark", 100L << 30, cancellationToken);
        var stream = await BenchmarkHost.AddStreamAsync(services, accountId, "Benchmark stream", cancellationToken);

        Log("storing the source");
        var vod = await services.GetRequiredService<VideoImportService>().ImportLocalFileAsync(stream.AccountId, stream.Id, source, null, cancellationToken);
        Log("indexing the source (keyframes, loudness), as the app's import job does before anyone cuts");
        await services.GetRequiredService<MediaIndexService>().GetOrComputeAsync(vod, null, cancellationToken);
        return (stream.AccountId, stream.Id, vod);
    }

    private static async Task<int[]> AddHighlightsAsync(ServiceProvider services, int accountId, int streamId, double[] starts, CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<VodDbContext>>().CreateDbContextAsync(cancellationToken);
        var rank = await db.Highlights.CountAsync(cancellationToken);
        var highlights = starts.Select(start => new Highlight
        {
            AccountId = accountId, StreamId = streamId, Rank = ++rank, DetectedStart = start, DetectedEnd = start + ClipSeconds, Score = 1, CreatedAt = DateTime.UtcNow,
        }).ToList();
        db.Highlights.AddRange(highlights);
        await db.SaveChangesAsync(cancellationToken);
        return highlights.Select(h => h.Id).ToArray();
    }

    private static async Task<long> ClipSizeAsync(ServiceProvider services, CutResult result, CancellationToken cancellationToken)
    {
        if (result.Outcome != CutOutcome.Cut)
        {
            throw new InvalidOperationException($"The single cut did not produce a clip: {result}");
        }

        await using var db = await services.GetRequiredService<IDbContextFactory<VodDbContext>>().CreateDbContextAsync(cancellationToken);
        return await db.Vods.Where(v => v.Id == result.ClipVodId).Select(v => v.SizeBytes).SingleAsync(cancellationToken);
    }

    /// <summary>
    /// The baseline a script would be: each cut as one ffmpeg command, one after another, from a local file or a SAS
    /// URL; with a container, each output is then uploaded with the Azure SDK before the next cut starts.
    /// </summary>
    private static async Task<double> PlainFfmpegAsync(string[] inputs, double[] starts, string folder, BlobContainerClient? upload, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < starts.Length; i++)
        {
            var output = Path.Combine(folder, $"clip{i}.mp4");
            var command = FfmpegArguments.CopyCut(inputs[i], starts[i], ClipSeconds, output);
            using var process = Process.Start(new ProcessStartInfo("ffmpeg", "-hide_banner -loglevel error " + command.Arguments) { UseShellExecute = false })!;
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"plain ffmpeg failed on clip {i}");
            }

            if (upload is not null)
            {
                await upload.GetBlobClient($"baseline/clip{i}.mp4").UploadAsync(output, overwrite: true, cancellationToken);
            }
        }

        watch.Stop();
        Directory.Delete(folder, recursive: true);
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>Per 30 s clip (mean of three): smart cut with its check, and a full re-encode of the same range.</summary>
    private static async Task<(double Smart, double Reencode, double MaxErrorFrames, int Fallbacks)> SmartVersusReencodeAsync(
        ServiceProvider services, string source, string folder, CancellationToken cancellationToken)
    {
        var media = await services.GetRequiredService<MediaProbe>().ProbeAsync(source, cancellationToken);
        var keyframes = await services.GetRequiredService<KeyframeReader>().ReadAsync(source, cancellationToken); // the cached index in the app
        var clipSource = new ClipSource(0, source, true, media, new MediaIndex(keyframes, []));
        var renderer = services.GetRequiredService<ClipRenderer>();
        var verifier = services.GetRequiredService<SmartCutVerifier>();
        double smart = 0, reencode = 0, maxError = 0;
        var fallbacks = 0;
        foreach (var start in SmartStarts)
        {
            var bounds = new ClipBounds(start, start + ClipSeconds);
            var smartFolder = Fresh(Path.Combine(folder, "smart"));
            var watch = Stopwatch.StartNew();
            var cut = await renderer.RenderAsync(clipSource, bounds, CutMode.Smart, smartFolder, null, cancellationToken);
            smart += watch.Elapsed.TotalSeconds;
            fallbacks += cut.Mode == CutMode.Smart ? 0 : 1;
            // The product's packet check, and the picture check it stands in for (which frame the clip really starts on).
            var fps = media.FrameRate ?? 30;
            var check = await verifier.CheckAsync(cut.Path, bounds, SmartCutPlan.Create(keyframes, bounds, 1 / fps), keyframes, fps, cancellationToken);
            var firstFrame = await verifier.FirstFrameErrorAsync(source, cut.Path, bounds.Start, fps, smartFolder, cancellationToken);
            maxError = Math.Max(maxError, Math.Max(check.MaxErrorFrames, Math.Abs(firstFrame)));

            var preciseFolder = Fresh(Path.Combine(folder, "precise"));
            watch.Restart();
            await renderer.RenderAsync(clipSource, bounds, CutMode.Precise, preciseFolder, null, cancellationToken);
            reencode += watch.Elapsed.TotalSeconds;
        }

        Directory.Delete(folder, recursive: true);
        return (smart / SmartStarts.Length, reencode / SmartStarts.Length, maxError, fallbacks);
    }

    private static string Fresh(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        return folder;
    }

    private static void PrintTable(CutFigures r, double singleWall, int fallbacks)
    {
        static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
        static string S(double seconds) => seconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
        var rows = new (string Metric, string Ours, string Baseline, string Goal, bool Met)[]
        {
            ("30 s clip: bytes read from Blob", Mb(r.bytes_read_per_clip), $"clip {Mb(r.clip_bytes)}", "read ratio <= 1.25", r.read_ratio <= 1.25),
            ("30 s clip: read ratio", r.read_ratio.ToString("0.000", CultureInfo.InvariantCulture), "plain ffmpeg over SAS ~1.7", "<= 1.25", r.read_ratio <= 1.25),
            ("30 s clip: wall (single, Blob)", S(singleWall), "", "", true),
            ($"local batch of {BatchSize}: wall", S(r.local_batch_wall_s), $"plain ffmpeg, local file: {S(r.ffmpeg_cli_wall_s)}", "<= 1.10x baseline", r.local_batch_wall_s <= 1.10 * r.ffmpeg_cli_wall_s),
            ($"Blob batch of {BatchSize}: bytes read", Mb(r.batch_bytes_read), $"source {Mb(r.source_bytes)}", "<= source", r.batch_bytes_read <= r.source_bytes),
            ($"Blob batch of {BatchSize}: wall", S(r.batch_wall_s), $"ffmpeg over SAS + SDK upload: {S(r.blob_baseline_wall_s)}", "<= 1.15x baseline", r.batch_wall_s <= 1.15 * r.blob_baseline_wall_s),
            ("smart cut: max error", $"{r.smart_max_error_frames:0.##} frames", $"{fallbacks} fell back to precise", "<= 1 frame", r.smart_max_error_frames <= 1 && fallbacks == 0),
            ("smart cut: wall per 30 s clip", S(r.smart_wall_s), $"full re-encode: {S(r.reencode_wall_s)}", "<= 0.3x re-encode", r.smart_wall_s <= 0.3 * r.reencode_wall_s),
        };
        Console.WriteLine($"{"metric",-34} {"VodManager",-14} {"baseline",-40} {"goal",-20} met");
        foreach (var row in rows)
        {
            Console.WriteLine($"{row.Metric,-34} {row.Ours,-14} {row.Baseline,-40} {row.Goal,-20} {(row.Met ? "yes" : "NO")}");
        }
    }
    private static void Log(string message) => Console.Error.WriteLine($"[cut] {message}");
}
