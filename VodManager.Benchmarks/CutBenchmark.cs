using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VodManager.Core;
using VodManager.Core.Cutting;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Ingest;
using VodManager.Core.Media;

namespace VodManager.Benchmarks;

/// <summary>
/// `cut`: a 30-minute 720p30 ~3 Mbit/s stream archive (2 s GOP, AAC, MP4) in Azurite behind a byte-counting relay.
/// One 30 s copy cut, then a batch of ten, through the real cutter; the same ten cuts by plain ffmpeg from a local
/// file; then smart versus full re-encode of 30 s clips. Last line: the JSON the issue asks for.
/// </summary>
public sealed class CutBenchmark : IBenchmark
{
    private const double SourceSeconds = 1800;
    private const double ClipSeconds = 30;
    private const int BatchSize = 10;
    private static readonly TestPatternSpec Segment = new(120, 1280, 720, 30, 2, [new LoudMoment(40, 3)], VideoBitrateKbps: 3000);
    private static readonly double[] SmartStarts = [100.37, 700.81, 1500.52];

    public string Name => "cut";

    public string Description => "clip cutting from Blob storage: bytes read, batch time vs plain ffmpeg, smart vs re-encode";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var work = args.Length > 1 && args[0] == "--work" ? Path.GetFullPath(args[1]) : Path.Combine(Path.GetTempPath(), "vodmanager-bench-cut");
        var root = BenchmarkHost.RepositoryRoot();
        Directory.CreateDirectory(work);
        var source = await EnsureSourceAsync(work, cancellationToken);

        await using var azurite = await AzuriteProcess.StartAsync(root, cancellationToken);
        await using var relay = new CountingTcpProxy(azurite.Port);
        var data = Path.Combine(work, "data");
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        await using var services = BenchmarkHost.Build(data, new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureBlob",
            ["Storage:AzureBlob:ConnectionString"] = AzuriteProcess.ConnectionString(relay.Port),
            ["Storage:AzureBlob:Container"] = "bench",
        });
        var (accountId, streamId, sourceVod) = await ImportAsync(services, source, cancellationToken);
        var cutter = services.GetRequiredService<ClipCutter>();

        Log("single 30 s copy cut from Blob");
        var single = await AddHighlightsAsync(services, accountId, streamId, [600.4], cancellationToken);
        relay.Reset();
        var singleWatch = Stopwatch.StartNew();
        var singleResult = (await cutter.CutAsync(new CutBatch(accountId, single, CutMode.Copy, "bench-single", "bench"), null, cancellationToken)).Single();
        singleWatch.Stop();
        var bytesPerClip = relay.ServerBytes;
        var clipBytes = await ClipSizeAsync(services, singleResult, cancellationToken);

        Log($"batch of {BatchSize} copy cuts from Blob");
        var starts = Enumerable.Range(0, BatchSize).Select(i => 45.3 + i * 172.1).ToArray();
        var batch = await AddHighlightsAsync(services, accountId, streamId, starts, cancellationToken);
        relay.Reset();
        var batchWatch = Stopwatch.StartNew();
        var batchResults = await cutter.CutAsync(new CutBatch(accountId, batch, CutMode.Copy, "bench-batch", "bench"), null, cancellationToken);
        batchWatch.Stop();
        var batchBytes = relay.ServerBytes;
        var batchClips = batchResults.Count(r => r.Outcome == CutOutcome.Cut);

        Log($"the same {BatchSize} cuts by plain ffmpeg from the local file");
        var cliWall = await PlainFfmpegAsync(services, source, starts, Path.Combine(work, "cli"), cancellationToken);

        Log("smart cut vs full re-encode (local file)");
        var (smartWall, reencodeWall, smartError, fallbacks) = await SmartVersusReencodeAsync(services, source, Path.Combine(work, "smart"), cancellationToken);

        var result = new CutFigures(
            clipBytes, bytesPerClip, Math.Round((double)bytesPerClip / clipBytes, 3), batchClips, batchBytes, sourceVod.SizeBytes,
            Math.Round(batchWatch.Elapsed.TotalSeconds, 2), Math.Round(cliWall, 2), Math.Round(smartError, 2), Math.Round(smartWall, 2), Math.Round(reencodeWall, 2));
        PrintTable(result, singleWatch.Elapsed.TotalSeconds, fallbacks);
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static async Task<string> EnsureSourceAsync(string work, CancellationToken cancellationToken)
    {
        var source = Path.Combine(work, "source-1800s-720p30-3mbit.mp4");
        if (File.Exists(source))
        {
            return source;
        }

        Log("generating the 30-minute source (once; cached in " + work + ")");
        var runner = new FfmpegRunner(new FfmpegOptionsProvider(Microsoft.Extensions.Options.Options.Create(new MediaOptions()), new DataPaths(work)),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<FfmpegRunner>.Instance);
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

        Log("uploading the source to Azurite");
        var vod = await services.GetRequiredService<VideoImportService>().ImportLocalFileAsync(stream.AccountId, stream.Id, source, null, cancellationToken);
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

    /// <summary>The baseline: each cut as one ffmpeg command on the local file, one after another.</summary>
    private static async Task<double> PlainFfmpegAsync(ServiceProvider services, string source, double[] starts, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var binary = services.GetRequiredService<FfmpegOptionsProvider>().Create().BinaryFolder;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < starts.Length; i++)
        {
            var command = FfmpegArguments.CopyCut(source, starts[i], ClipSeconds, Path.Combine(folder, $"clip{i}.mp4"));
            using var process = Process.Start(new ProcessStartInfo(Path.Combine(binary, "ffmpeg"), "-hide_banner -loglevel error " + command.Arguments) { UseShellExecute = false })!;
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"plain ffmpeg failed on clip {i}");
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
            var check = await verifier.CheckAsync(source, cut.Path, bounds, media.FrameRate ?? 30, smartFolder, cancellationToken);
            maxError = Math.Max(maxError, check.MaxErrorFrames);

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
            ("30 s clip: wall (single)", S(singleWall), "", "", true),
            ($"batch of {BatchSize}: bytes read", Mb(r.batch_bytes_read), $"source {Mb(r.source_bytes)}", "<= source", r.batch_bytes_read <= r.source_bytes),
            ($"batch of {BatchSize}: clips cut", r.batch_clips.ToString(CultureInfo.InvariantCulture), BatchSize.ToString(CultureInfo.InvariantCulture), "all", r.batch_clips == BatchSize),
            ($"batch of {BatchSize}: wall", S(r.batch_wall_s), $"plain ffmpeg, local file: {S(r.ffmpeg_cli_wall_s)}", "<= 1.1x baseline", r.batch_wall_s <= 1.1 * r.ffmpeg_cli_wall_s),
            ("smart cut: max error", $"{r.smart_max_error_frames:0.##} frames", $"{fallbacks} fell back to precise", "<= 1 frame", r.smart_max_error_frames <= 1 && fallbacks == 0),
            ("smart cut: wall per 30 s clip", S(r.smart_wall_s), $"full re-encode: {S(r.reencode_wall_s)}", "<= 0.3x re-encode", r.smart_wall_s <= 0.3 * r.reencode_wall_s),
        };
        Console.WriteLine($"{"metric",-34} {"VodManager",-14} {"baseline",-34} {"goal",-20} met");
        foreach (var row in rows)
        {
            Console.WriteLine($"{row.Metric,-34} {row.Ours,-14} {row.Baseline,-34} {row.Goal,-20} {(row.Met ? "yes" : "NO")}");
        }
    }

    private static void Log(string message) => Console.Error.WriteLine($"[cut] {message}");
}
