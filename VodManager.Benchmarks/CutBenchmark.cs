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
/// Batches of ten 30 s copy cuts through the real cutter on local-disk storage against the same cuts by plain ffmpeg
/// from the local file, interleaved over several rounds (`--rounds`, median and spread); one cut and the batch from
/// Blob against plain ffmpeg over the SAS URL plus an SDK upload of each clip; then smart versus full re-encode of
/// 30 s clips. Each run prints where its time went (the product's spans); the last line is the JSON the issue asks for.
/// </summary>
public sealed class CutBenchmark : IBenchmark
{
    private const double SourceSeconds = 1800;
    private const double ClipSeconds = 30;
    private const int BatchSize = 10;
    private const int DefaultRounds = 5;
    private static readonly TestPatternSpec Segment = new(120, 1280, 720, 30, 2, [new LoudMoment(40, 3)], VideoBitrateKbps: 3000);
    private static readonly double[] SmartStarts = [100.37, 700.81, 1500.52];

    public string Name => "cut";

    public string Description => "clip cutting from local disk and Blob vs plain ffmpeg (stage breakdown), bytes read, smart vs re-encode; --only local,blob,smart, --rounds N (local, default 5)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var work = BenchmarkArgs.Text(args, "--work") is { } folder ? Path.GetFullPath(folder) : Path.Combine(Path.GetTempPath(), "vodmanager-bench-cut");
        var only = BenchmarkArgs.Text(args, "--only")?.Split(',') ?? ["local", "blob", "smart"];
        var rounds = Math.Max(1, (int)BenchmarkArgs.Number(args, "--rounds", DefaultRounds));
        Directory.CreateDirectory(work);
        var source = await EnsureSourceAsync(work, cancellationToken);
        var starts = Enumerable.Range(0, BatchSize).Select(i => 45.3 + i * 172.1).ToArray();
        using var stages = new StageTimes();

        var local = only.Contains("local") ? await LocalAsync(source, starts, work, rounds, stages, cancellationToken) : null;
        var blob = only.Contains("blob") ? await BlobAsync(source, starts, work, stages, cancellationToken) : null;
        var smart = only.Contains("smart") ? await SmartAsync(source, work, stages, cancellationToken) : null;

        var result = new CutFigures(
            blob?.ClipBytes, blob?.BytesPerClip, blob is null ? null : Math.Round((double)blob.BytesPerClip / blob.ClipBytes, 3), BatchSize, blob?.BatchBytes, blob?.SourceBytes,
            Round(blob?.BatchWall), Round(blob?.BaselineWall),
            local?.Product.Rounds.Count, Round(local?.Product.Wall), Round(local?.Plain.Wall), Round(local?.RoundRatio),
            Round(local?.Product.MinWall), Round(local?.Product.MaxWall), Round(local?.Plain.MinWall), Round(local?.Plain.MaxWall),
            Round(local?.Product.Cpu), Round(local?.Product.OwnCpu), Round(local?.Plain.Cpu),
            Round(smart?.MaxErrorFrames), Round(smart?.Smart), Round(smart?.Reencode), blob?.SmartBytes, Round(blob?.SmartWall));
        PrintTable(result, local, blob, smart);
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>
    /// Rounds of the local batch through the real cutter and of the same cuts by plain ffmpeg, interleaved so both see
    /// the same load, each round on fresh highlights so the product really cuts; one unmeasured round of each first.
    /// </summary>
    private static async Task<LocalFigures> LocalAsync(string source, double[] starts, string work, int rounds, StageTimes stages, CancellationToken cancellationToken)
    {
        await using var local = BenchmarkHost.Build(FreshData(work, "data-local"), new Dictionary<string, string?> { ["Storage:Provider"] = "LocalDisk" }, configure: WithJobHandlers);
        var (accountId, streamId, _) = await ImportAsync(local, source, cancellationToken);
        var cliFolder = Path.Combine(work, "cli");
        async Task<Cost> ProductAsync(int round)
        {
            var ids = await AddHighlightsAsync(local, accountId, streamId, starts, cancellationToken);
            return await CutBatchAsync(local, new CutBatch(accountId, ids, CutMode.Copy, $"bench-local-{round}", "bench"), BatchSize, cancellationToken);
        }

        Task<Cost> PlainAsync() => PlainFfmpegAsync(starts.Select(s => source).ToArray(), starts, cliFolder, null, cancellationToken);

        // A running app has its queries compiled and its code jitted, and the source's pages are as warm for both.
        Log($"warm-up: one unmeasured batch of {BatchSize} copy cuts from local-disk storage and one by plain ffmpeg");
        await ProductAsync(0);
        await PlainAsync();

        var figures = new LocalFigures(new CostSeries(), new CostSeries());
        stages.Reset();
        for (var round = 1; round <= rounds; round++)
        {
            // Which goes first alternates, so neither always runs in the other's wake.
            if (round % 2 == 1)
            {
                figures.Product.Add(await ProductAsync(round));
                figures.Plain.Add(await PlainAsync());
            }
            else
            {
                figures.Plain.Add(await PlainAsync());
                figures.Product.Add(await ProductAsync(round));
            }

            var (product, plain) = (figures.Product.Rounds[^1], figures.Plain.Rounds[^1]);
            Log(string.Create(CultureInfo.InvariantCulture,
                $"round {round}/{rounds}: local batch {product.WallSeconds:0.00} s (CPU {product.CpuSeconds:0.00} s, own {product.OwnCpuSeconds:0.00} s) vs plain ffmpeg {plain.WallSeconds:0.00} s (CPU {plain.CpuSeconds:0.00} s): {product.WallSeconds / plain.WallSeconds:0.00}x"));
        }

        stages.Print(string.Create(CultureInfo.InvariantCulture,
            $"local disk: {rounds} batches of {BatchSize} copy cuts; plain ffmpeg {figures.Plain.Rounds.Sum(c => c.WallSeconds) * 1000 / (rounds * BatchSize):0} ms per cut"),
            figures.Product.Rounds.Sum(c => c.WallSeconds));
        return figures;
    }

    private static async Task<BlobFigures> BlobAsync(string source, double[] starts, string work, StageTimes stages, CancellationToken cancellationToken)
    {
        await using var azurite = await Azurite.StartNewAsync();
        await using var relay = new CountingTcpProxy(azurite.Port);
        await using var services = BenchmarkHost.Build(FreshData(work, "data"), new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureBlob",
            ["Storage:AzureBlob:ConnectionString"] = Azurite.ConnectionStringFor(relay.Port),
            ["Storage:AzureBlob:Container"] = "bench",
        }, configure: WithJobHandlers);
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

        // A re-encoding cut reads its range through the proxy too; it used to pull the whole source first.
        Log("single 30 s smart cut from Blob");
        var smartOne = await AddHighlightsAsync(services, blobAccount, blobStream, [900.4], cancellationToken);
        relay.Reset();
        stages.Reset();
        var smartWall = (await CutBatchAsync(services, new CutBatch(blobAccount, smartOne, CutMode.Smart, "bench-smart", "bench"), 1, cancellationToken)).WallSeconds;
        stages.Print("Blob: single 30 s smart cut", smartWall);
        var smartBytes = relay.ServerBytes;

        Log($"batch of {BatchSize} copy cuts from Blob");
        var batch = await AddHighlightsAsync(services, blobAccount, blobStream, starts, cancellationToken);
        relay.Reset();
        stages.Reset();
        var batchWall = (await CutBatchAsync(services, new CutBatch(blobAccount, batch, CutMode.Copy, "bench-batch", "bench"), BatchSize, cancellationToken)).WallSeconds;
        stages.Print($"Blob: batch of {BatchSize} copy cuts", batchWall);
        var batchBytes = relay.ServerBytes;

        Log($"the same {BatchSize} cuts by plain ffmpeg over the SAS URL, each uploaded with the Azure SDK");
        var storage = (AzureBlobStorage)services.GetRequiredService<IVodStorage>();
        var sas = (await storage.GetReadUrlAsync(sourceVod.StorageKey, TimeSpan.FromHours(1), cancellationToken)).ToString();
        var baseline = await PlainFfmpegAsync(starts.Select(s => sas).ToArray(), starts, Path.Combine(work, "cli-blob"), storage.Container, cancellationToken);
        return new BlobFigures(clipBytes, bytesPerClip, singleWatch.Elapsed.TotalSeconds, smartBytes, smartWall, batchBytes, sourceVod.SizeBytes, batchWall, baseline.WallSeconds);
    }

    private static async Task<SmartFigures> SmartAsync(string source, string work, StageTimes stages, CancellationToken cancellationToken)
    {
        Log("smart cut vs full re-encode (local file)");
        await using var services = BenchmarkHost.Build(FreshData(work, "data-smart"));
        await BenchmarkHost.PrepareAsync(services, cancellationToken);
        stages.Reset();
        var figures = await SmartVersusReencodeAsync(services, source, Path.Combine(work, "smart"), cancellationToken);
        stages.Print($"smart cuts and full re-encodes of {SmartStarts.Length} clips each", (figures.Smart + figures.Reencode) * SmartStarts.Length);
        Log(string.Create(CultureInfo.InvariantCulture, $"smart {figures.Smart:0.00} s vs re-encode {figures.Reencode:0.00} s per clip ({figures.Smart / figures.Reencode:0.00}x), max error {figures.MaxErrorFrames:0.##} frames, {figures.Fallbacks} fallbacks"));
        return figures;
    }

    /// <summary>
    /// The jobs a cut queues run, as in the app (here inline): a clip is an editor's decision, and every
    /// Detection:RefitAfterDecisions of them refit the channel's model.
    /// </summary>
    private static void WithJobHandlers(IServiceCollection services) => services.AddJobHandlers();

    /// <summary>One batch through the real cutter; every highlight must come out as a clip.</summary>
    private static async Task<Cost> CutBatchAsync(ServiceProvider services, CutBatch batch, int expected, CancellationToken cancellationToken)
    {
        var watch = CpuWatch.Start();
        var results = await services.GetRequiredService<ClipCutter>().CutAsync(batch, null, cancellationToken);
        var cost = watch.Elapsed();
        var cut = results.Count(r => r.Outcome == CutOutcome.Cut);
        if (cut != expected)
        {
            throw new InvalidOperationException($"{batch.ClaimToken}: {cut} of {expected} highlights were cut: {string.Join("; ", results.Where(r => r.Outcome != CutOutcome.Cut))}");
        }

        return cost;
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
    private static async Task<Cost> PlainFfmpegAsync(string[] inputs, double[] starts, string folder, BlobContainerClient? upload, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var watch = CpuWatch.Start();
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

        var cost = watch.Elapsed();
        Directory.Delete(folder, recursive: true);
        return cost;
    }

    /// <summary>Per 30 s clip (mean of three): smart cut with its check, and a full re-encode of the same range.</summary>
    private static async Task<SmartFigures> SmartVersusReencodeAsync(
        ServiceProvider services, string source, string folder, CancellationToken cancellationToken)
    {
        var media = await services.GetRequiredService<MediaProbe>().ProbeAsync(source, cancellationToken);
        var keyframes = await services.GetRequiredService<KeyframeReader>().ReadAsync(source, cancellationToken); // the cached index in the app
        var clipSource = new ClipSource(0, source, media, new MediaIndex(keyframes, []));
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
        return new SmartFigures(smart / SmartStarts.Length, reencode / SmartStarts.Length, maxError, fallbacks);
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

    private static void PrintTable(CutFigures r, LocalFigures? local, BlobFigures? blob, SmartFigures? smart)
    {
        static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
        static string S(double seconds) => seconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
        static string X(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x";
        var rows = new List<(string Metric, string Ours, string Baseline, string Goal, bool Met)>();
        if (local is not null)
        {
            var n = local.Product.Rounds.Count;
            var ratio = local.Product.Wall / local.Plain.Wall;
            rows.Add(($"local batch of {BatchSize}: wall, median of {n}", local.Product.DescribeWall(), $"plain ffmpeg, local file: {local.Plain.DescribeWall()}", "<= 1.10x baseline", ratio <= 1.10));
            rows.Add(($"local batch of {BatchSize}: wall ratio", X(ratio), $"median of per-round ratios {X(local.RoundRatio)}", "<= 1.10", ratio <= 1.10));
            rows.Add(($"local batch of {BatchSize}: CPU, median", $"{S(local.Product.Cpu)} (own {S(local.Product.OwnCpu)})", $"plain ffmpeg: {S(local.Plain.Cpu)}", "", true));
        }

        if (blob is not null)
        {
            rows.Add(("30 s clip: bytes read from Blob", Mb(blob.BytesPerClip), $"clip {Mb(blob.ClipBytes)}", "read ratio <= 1.25", r.read_ratio <= 1.25));
            rows.Add(("30 s clip: read ratio", r.read_ratio?.ToString("0.000", CultureInfo.InvariantCulture) ?? "", "plain ffmpeg over SAS ~1.7", "<= 1.25", r.read_ratio <= 1.25));
            rows.Add(("30 s clip: wall (single, Blob)", S(blob.SingleWall), "", "", true));
            rows.Add(("30 s smart cut: bytes read from Blob", Mb(blob.SmartBytes), $"whole source pulled before: {Mb(blob.SourceBytes)}", "<= 2x a copy cut's", blob.SmartBytes <= 2 * blob.BytesPerClip));
            rows.Add(("30 s smart cut: wall (single, Blob)", S(blob.SmartWall), "", "", true));
            rows.Add(($"Blob batch of {BatchSize}: bytes read", Mb(blob.BatchBytes), $"source {Mb(blob.SourceBytes)}", "<= source", blob.BatchBytes <= blob.SourceBytes));
            rows.Add(($"Blob batch of {BatchSize}: wall", S(blob.BatchWall), $"ffmpeg over SAS + SDK upload: {S(blob.BaselineWall)}", "<= 1.15x baseline", blob.BatchWall <= 1.15 * blob.BaselineWall));
        }

        if (smart is not null)
        {
            rows.Add(("smart cut: max error", $"{smart.MaxErrorFrames:0.##} frames", $"{smart.Fallbacks} fell back to precise", "<= 1 frame", smart.MaxErrorFrames <= 1 && smart.Fallbacks == 0));
            rows.Add(("smart cut: wall per 30 s clip", S(smart.Smart), $"full re-encode: {S(smart.Reencode)}", "<= 0.3x re-encode", smart.Smart <= 0.3 * smart.Reencode));
        }

        Console.WriteLine($"{"metric",-38} {"VodManager",-22} {"baseline",-44} {"goal",-18} met");
        foreach (var row in rows)
        {
            Console.WriteLine($"{row.Metric,-38} {row.Ours,-22} {row.Baseline,-44} {row.Goal,-18} {(row.Met ? "yes" : "NO")}");
        }
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;

    private static void Log(string message) => Console.Error.WriteLine($"[cut] {message}");

    /// <summary>The local batch's rounds: the product's and plain ffmpeg's.</summary>
    private sealed record LocalFigures(CostSeries Product, CostSeries Plain)
    {
        /// <summary>The median of each round's ratio: both halves of a round ran back to back, under the same load.</summary>
        public double RoundRatio => CostSeries.Median(Product.Rounds.Zip(Plain.Rounds, (p, b) => p.WallSeconds / b.WallSeconds));
    }

    private sealed record BlobFigures(long ClipBytes, long BytesPerClip, double SingleWall, long SmartBytes, double SmartWall, long BatchBytes, long SourceBytes, double BatchWall, double BaselineWall);

    /// <summary>Per 30 s clip, the mean over the measured starts.</summary>
    private sealed record SmartFigures(double Smart, double Reencode, double MaxErrorFrames, int Fallbacks);
}
