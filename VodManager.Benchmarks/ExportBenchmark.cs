using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VodManager.Core.Cutting;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Export;
using VodManager.Core.Ingest;
using VodManager.Core.Media;
using VodManager.Core.Storage;

namespace VodManager.Benchmarks;

/// <summary>
/// `export`: a generated 1280x720p30 stream with a transcript and chat, a 30 s clip of it cut by the real cutter, then
/// the real export service (captions + chat overlay, local disk storage, quota and all) for each shipped profile of
/// appsettings.json in each framing (centre crop, blur). Baseline per profile and framing: the same clip through plain
/// ffmpeg with that framing's graph (the same crop, or the same blurred background) and the profile's encoder settings,
/// minus the captions: what the export costs over the encode. One unmeasured export first warms the process up. Each
/// export prints where its time went (the product's spans); the last line is the JSON.
/// </summary>
public sealed class ExportBenchmark : IBenchmark
{
    private const double ClipStart = 2; // a keyframe (2 s GOP), so the copy cut is exactly 30 s
    private const double ClipSeconds = 30;
    private static readonly TestPatternSpec Source = new(ClipStart + ClipSeconds + 4, 1280, 720, 30, 2, [new LoudMoment(12, 2)], VideoBitrateKbps: 3000);
    private static readonly string[] Profiles = ["shorts-1080x1920", "draft-720x1280"];
    private static readonly Framing[] Framings = [Framing.Center, Framing.Blur];

    public string Name => "export";

    public string Description => "vertical export of a 30 s 720p clip with captions + chat, per profile and framing, vs plain ffmpeg";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var work = Path.Combine(Path.GetTempPath(), $"vodmanager-bench-export-{Environment.ProcessId}");
        try
        {
            // The app's own appsettings.json, so the shipped profiles are what is timed; local disk in a temp data folder.
            await using var services = BenchmarkHost.Build(Path.Combine(work, "data"), new Dictionary<string, string?> { ["Storage:Provider"] = "LocalDisk" }, appSettings: true);
            var clip = await PrepareClipAsync(services, work, cancellationToken);
            var exports = services.GetRequiredService<ExportService>();

            // A long-running app has compiled its queries and code paths long before; one unmeasured export of another
            // spec pays that once here, so it is not charged to whichever profile happens to be measured first. With chat, as
            // the measured ones: without it the chat query and overlay code were still compiled in the first measured export.
            Log("warm-up: one unmeasured export (draft, x=0.30, captions + chat)");
            await exports.ExportAsync(new ExportSpec(clip.AccountId, clip.Id, Profiles[1], Framing.At(0.3), Chat: true), "export:bench", null, cancellationToken);

            // Each baseline runs right before its export, so load from others on the machine hits both alike.
            var timings = new Dictionary<(string Profile, string Framing), (Cost Cost, Cost Baseline, ExportResult Result)>();
            using var stages = new StageTimes();
            foreach (var profile in Profiles)
            {
                foreach (var framing in Framings)
                {
                    Log($"baseline: plain ffmpeg, {profile}, {framing}, no captions");
                    var baseline = await PlainEncodeAsync(services, clip, exports.Profile(profile), framing, Path.Combine(work, "baseline"), cancellationToken);
                    Log($"export {profile}, {framing}, captions + chat");
                    stages.Reset();
                    var watch = CpuWatch.Start();
                    var result = await exports.ExportAsync(new ExportSpec(clip.AccountId, clip.Id, profile, framing, Chat: true), "export:bench", null, cancellationToken);
                    var cost = watch.Elapsed();
                    stages.Print(string.Create(CultureInfo.InvariantCulture,
                        $"export {profile}, {framing}: CPU {cost.CpuSeconds:0.00} s, of it VodManager's own process {cost.OwnCpuSeconds:0.00} s; plain ffmpeg CPU {baseline.CpuSeconds:0.00} s"), cost.WallSeconds);
                    timings[(profile, framing.ToString())] = (cost, baseline, result);
                    if (result.AlreadyExported || result.CaptionCount == 0 || result.ChatCount == 0)
                    {
                        throw new InvalidOperationException($"The {profile} {framing} export did not render captions and chat: {result.Summary}");
                    }
                }
            }

            PrintTable(timings);
            var figures = new Dictionary<string, object> { ["benchmark"] = "export", ["clipSeconds"] = ClipSeconds };
            foreach (var ((profile, framing), (cost, baseline, _)) in timings)
            {
                var name = profile.Split('-')[0] + char.ToUpperInvariant(framing[0]) + framing[1..];
                figures[name + "S"] = Round(cost.WallSeconds);
                figures[name + "CpuS"] = Round(cost.CpuSeconds);
                figures[name + "BaselineS"] = Round(baseline.WallSeconds);
                figures[name + "BaselineCpuS"] = Round(baseline.CpuSeconds);
                figures[name + "CpuRatio"] = Round(cost.CpuSeconds / baseline.CpuSeconds);
            }

            Console.WriteLine(JsonSerializer.Serialize(figures));
            return 0;
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>Generates the stream, imports it, adds a line of transcript every 2.5 s and two chat messages a second, and cuts the clip.</summary>
    private static async Task<Vod> PrepareClipAsync(ServiceProvider services, string work, CancellationToken cancellationToken)
    {
        Log("generating a 36 s 1280x720p30 stream and cutting a 30 s clip with a transcript and chat");
        await BenchmarkHost.PrepareAsync(services, cancellationToken);
        var sourcePath = Path.Combine(work, "source.mp4");
        await services.GetRequiredService<FfmpegRunner>().RunAsync(FfmpegArguments.TestPattern(Source, sourcePath), sourcePath, null, null, cancellationToken);

        var accountId = await BenchmarkHost.AddAccountAsync(services, "Benchmark", 10L << 30, cancellationToken);
        var stream = await BenchmarkHost.AddStreamAsync(services, accountId, "Export benchmark", cancellationToken);
        var dbFactory = services.GetRequiredService<IDbContextFactory<VodDbContext>>();
        Highlight highlight;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            for (var at = 0.0; at < Source.DurationSeconds; at += 2.5)
            {
                db.TranscriptSegments.Add(new TranscriptSegment { StreamId = stream.Id, StartSeconds = at, EndSeconds = at + 2.3, Text = $"and that is line {at:0.0} of the benchmark talk" });
            }

            for (var at = 0.0; at < Source.DurationSeconds; at += 0.5)
            {
                db.ChatMessages.Add(new ChatMessage { StreamId = stream.Id, OffsetSeconds = at, AuthorName = $"viewer{(int)(at * 7) % 23}", Text = $"PogChamp clip it {at:0.0}" });
            }

            highlight = new Highlight
            {
                AccountId = stream.AccountId, StreamId = stream.Id, Rank = 1, DetectedStart = ClipStart, DetectedEnd = ClipStart + ClipSeconds, Score = 1, CreatedAt = DateTime.UtcNow,
            };
            db.Highlights.Add(highlight);
            await db.SaveChangesAsync(cancellationToken);
        }

        await services.GetRequiredService<VideoImportService>().ImportLocalFileAsync(stream.AccountId, stream.Id, sourcePath, null, cancellationToken);
        var cut = (await services.GetRequiredService<ClipCutter>().CutAsync(new CutBatch(stream.AccountId, [highlight.Id], CutMode.Copy, "bench-export", "bench"), null, cancellationToken)).Single();
        if (cut.Outcome != CutOutcome.Cut)
        {
            throw new InvalidOperationException($"The clip was not cut: {cut}");
        }

        await using var read = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await read.Vods.AsNoTracking().SingleAsync(v => v.Id == cut.ClipVodId, cancellationToken);
    }

    /// <summary>The baseline: the service's graph for this framing and its encode of the same clip file, without captions, nothing stored.</summary>
    private static async Task<Cost> PlainEncodeAsync(ServiceProvider services, Vod clip, ExportProfile profile, Framing framing, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var input = await services.GetRequiredService<VodInputs>().ResolveAsync(clip.StorageKey, cancellationToken);
        var graph = Path.Combine(folder, "graph.txt");
        var output = Path.Combine(folder, "plain.mp4");
        var watch = CpuWatch.Start();
        await File.WriteAllTextAsync(graph, FfmpegArguments.VerticalFilterGraph(clip.Width!.Value, clip.Height!.Value, profile, framing, captions: []), cancellationToken);
        await services.GetRequiredService<FfmpegRunner>().RunAsync(FfmpegArguments.VerticalExport(input, graph, profile, output), output, null, null, cancellationToken);
        var cost = watch.Elapsed();
        Directory.Delete(folder, recursive: true);
        return cost;
    }

    private static void PrintTable(Dictionary<(string Profile, string Framing), (Cost Cost, Cost Baseline, ExportResult Result)> timings)
    {
        Console.WriteLine($"{"30 s 1280x720 clip, captions + chat",-40} {"export wall",11} {"x realtime",10} {"export CPU",10} | {"plain ffmpeg wall",17} {"CPU",8} | {"CPU ratio",9} {"goal",6} met");
        foreach (var ((profile, framing), (cost, baseline, result)) in timings)
        {
            var ratio = cost.CpuSeconds / baseline.CpuSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{$"{profile}, {framing} ({result.CaptionCount}+{result.ChatCount} cues)",-40} {cost.WallSeconds,10:0.00}s {ClipSeconds / cost.WallSeconds,10:0.00} {cost.CpuSeconds,9:0.00}s | {baseline.WallSeconds,16:0.00}s {baseline.CpuSeconds,7:0.00}s | {ratio,9:0.00} {"<= 1.1",6} {(ratio <= 1.1 ? "yes" : "NO")}"));
        }

        Console.WriteLine("(baseline: plain ffmpeg with the same framing's graph and encode, no captions; wall time depends on what else the machine runs, CPU time (ffmpeg's and ours) is the steadier comparison)");
    }

    private static double Round(double seconds) => Math.Round(seconds, 2);

    private static void Log(string message) => Console.Error.WriteLine($"[export] {message}");
}
