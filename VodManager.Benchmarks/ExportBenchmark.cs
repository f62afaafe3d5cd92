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
    private const int DefaultRounds = 3;
    private static readonly TestPatternSpec Source = new(ClipStart + ClipSeconds + 4, 1280, 720, 30, 2, [new LoudMoment(12, 2)], VideoBitrateKbps: 3000);
    private static readonly string[] Profiles = ["shorts-1080x1920", "draft-720x1280"];
    private static readonly Framing[] Framings = [Framing.Center, Framing.Blur];

    public string Name => "export";

    public string Description => "vertical export of a 30 s 720p clip with captions + chat, per profile and framing, vs plain ffmpeg; --rounds N (default 3), --only shorts,draft";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rounds = Math.Max(1, (int)BenchmarkArgs.Number(args, "--rounds", DefaultRounds));
        var profiles = BenchmarkArgs.Text(args, "--only")?.Split(',') is { } only ? Profiles.Where(p => only.Any(o => p.StartsWith(o, StringComparison.Ordinal))).ToArray() : Profiles;
        var work = Path.Combine(Path.GetTempPath(), $"vodmanager-bench-export-{Environment.ProcessId}");
        try
        {
            // The app's own appsettings.json, so the shipped profiles are what is timed; local disk in a temp data folder.
            await using var services = BenchmarkHost.Build(Path.Combine(work, "data"), new Dictionary<string, string?> { ["Storage:Provider"] = "LocalDisk" }, appSettings: true);
            var (accountId, streamId) = await PrepareStreamAsync(services, work, cancellationToken);
            var exports = services.GetRequiredService<ExportService>();

            // A long-running app has compiled its queries and code paths long before; one unmeasured export of another
            // spec pays that once here, so it is not charged to whichever profile happens to be measured first. With chat, as
            // the measured ones: without it the chat query and overlay code were still compiled in the first measured export.
            Log("warm-up: one unmeasured export (draft, x=0.30, captions + chat)");
            var warmUp = await CutClipAsync(services, accountId, streamId, 0, cancellationToken);
            await exports.ExportAsync(new ExportSpec(accountId, warmUp.Id, Profiles[1], Framing.At(0.3), Chat: true), "export:bench", null, cancellationToken);

            // An export is done once per clip and spec, so each round exports a clip of its own (the same range, cut
            // again). Each baseline runs right next to its export, which goes first alternating, so load from others on
            // the machine hits both alike; a single export swings by about a tenth, so the medians are the figures.
            var cells = profiles.SelectMany(p => Framings.Select(f => new Cell(p, f))).ToArray();
            using var stages = new StageTimes();
            for (var round = 1; round <= rounds; round++)
            {
                var clip = await CutClipAsync(services, accountId, streamId, round, cancellationToken);
                foreach (var cell in cells)
                {
                    Task<Cost> Plain() => PlainEncodeAsync(services, clip, exports.Profile(cell.Profile), cell.Framing, Path.Combine(work, "baseline"), cancellationToken);
                    async Task<Cost> Export()
                    {
                        stages.Reset();
                        var watch = CpuWatch.Start();
                        var result = await exports.ExportAsync(new ExportSpec(accountId, clip.Id, cell.Profile, cell.Framing, Chat: true), "export:bench", null, cancellationToken);
                        var cost = watch.Elapsed();
                        if (result.AlreadyExported || result.CaptionCount == 0 || result.ChatCount == 0)
                        {
                            throw new InvalidOperationException($"The {cell.Profile} {cell.Framing} export did not render captions and chat: {result.Summary}");
                        }

                        cell.Cues = $"{result.CaptionCount}+{result.ChatCount} cues";
                        if (round == rounds)
                        {
                            // Printed at once: the baseline's ffmpeg, when it runs next, would count as a stage of this export.
                            stages.Print(string.Create(CultureInfo.InvariantCulture,
                                $"export {cell.Profile}, {cell.Framing} (round {round}): CPU {cost.CpuSeconds:0.00} s, of it VodManager's own process {cost.OwnCpuSeconds:0.00} s"), cost.WallSeconds);
                        }

                        return cost;
                    }

                    var exportFirst = (round + Array.IndexOf(cells, cell)) % 2 == 1;
                    var (exported, plain) = exportFirst ? (await Export(), await Plain()) : (await Plain(), await Export());
                    cell.Export.Add(exported);
                    cell.Plain.Add(plain);
                    Log(string.Create(CultureInfo.InvariantCulture,
                        $"round {round}/{rounds}, {cell.Profile}, {cell.Framing}: export CPU {exported.CpuSeconds:0.00} s (own {exported.OwnCpuSeconds:0.00} s) vs plain ffmpeg {plain.CpuSeconds:0.00} s: {exported.CpuSeconds / plain.CpuSeconds:0.00}x"));
                }
            }

            PrintTable(cells, rounds);
            var figures = new Dictionary<string, object> { ["benchmark"] = "export", ["clipSeconds"] = ClipSeconds, ["rounds"] = rounds };
            foreach (var cell in cells)
            {
                var name = cell.Profile.Split('-')[0] + char.ToUpperInvariant(cell.Framing.ToString()[0]) + cell.Framing.ToString()[1..];
                figures[name + "S"] = Round(cell.Export.Wall);
                figures[name + "CpuS"] = Round(cell.Export.Cpu);
                figures[name + "BaselineS"] = Round(cell.Plain.Wall);
                figures[name + "BaselineCpuS"] = Round(cell.Plain.Cpu);
                figures[name + "CpuRatio"] = Round(cell.Ratio);
                figures[name + "CpuRatioMin"] = Round(cell.Ratios.Min());
                figures[name + "CpuRatioMax"] = Round(cell.Ratios.Max());
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

    /// <summary>Generates the stream, imports it, and adds a line of transcript every 2.5 s and two chat messages a second.</summary>
    private static async Task<(int AccountId, int StreamId)> PrepareStreamAsync(ServiceProvider services, string work, CancellationToken cancellationToken)
    {
        Log("generating a 36 s 1280x720p30 stream with a transcript and chat");
        await BenchmarkHost.PrepareAsync(services, cancellationToken);
        var sourcePath = Path.Combine(work, "source.mp4");
        await services.GetRequiredService<FfmpegRunner>().RunAsync(FfmpegArguments.TestPattern(Source, sourcePath), sourcePath, null, null, cancellationToken);

        var accountId = await BenchmarkHost.AddAccountAsync(services, "Benchmark", 10L << 30, cancellationToken);
        var stream = await BenchmarkHost.AddStreamAsync(services, accountId, "Export benchmark", cancellationToken);
        await using (var db = await services.GetRequiredService<IDbContextFactory<VodDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            for (var at = 0.0; at < Source.DurationSeconds; at += 2.5)
            {
                db.TranscriptSegments.Add(new TranscriptSegment { StreamId = stream.Id, StartSeconds = at, EndSeconds = at + 2.3, Text = $"and that is line {at:0.0} of the benchmark talk" });
            }

            for (var at = 0.0; at < Source.DurationSeconds; at += 0.5)
            {
                db.ChatMessages.Add(new ChatMessage { StreamId = stream.Id, OffsetSeconds = at, AuthorName = $"viewer{(int)(at * 7) % 23}", Text = $"PogChamp clip it {at:0.0}" });
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await services.GetRequiredService<VideoImportService>().ImportLocalFileAsync(stream.AccountId, stream.Id, sourcePath, null, cancellationToken);
        return (accountId, stream.Id);
    }

    /// <summary>A 30 s copy cut from a keyframe by the real cutter, of a highlight of its own.</summary>
    private static async Task<Vod> CutClipAsync(ServiceProvider services, int accountId, int streamId, int round, CancellationToken cancellationToken)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<VodDbContext>>();
        var highlight = new Highlight
        {
            AccountId = accountId, StreamId = streamId, Rank = round + 1, DetectedStart = ClipStart, DetectedEnd = ClipStart + ClipSeconds, Score = 1, CreatedAt = DateTime.UtcNow,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.Highlights.Add(highlight);
            await db.SaveChangesAsync(cancellationToken);
        }

        var cut = (await services.GetRequiredService<ClipCutter>().CutAsync(new CutBatch(accountId, [highlight.Id], CutMode.Copy, $"bench-export-{round}", "bench"), null, cancellationToken)).Single();
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

    private static void PrintTable(Cell[] cells, int rounds)
    {
        Console.WriteLine($"{"30 s 1280x720 clip, captions + chat",-40} {"export wall",11} {"x realtime",10} {"export CPU",10} | {"plain ffmpeg wall",17} {"CPU",8} | {"CPU ratio (min-max)",19} {"goal",6} met");
        foreach (var cell in cells)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{$"{cell.Profile}, {cell.Framing} ({cell.Cues})",-40} {cell.Export.Wall,10:0.00}s {ClipSeconds / cell.Export.Wall,10:0.00} {cell.Export.Cpu,9:0.00}s | {cell.Plain.Wall,16:0.00}s {cell.Plain.Cpu,7:0.00}s | {$"{cell.Ratio:0.00} ({cell.Ratios.Min():0.00}-{cell.Ratios.Max():0.00})",19} {"<= 1.1",6} {(cell.Ratio <= 1.1 ? "yes" : "NO")}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"(medians of {rounds} rounds; baseline: plain ffmpeg with the same framing's graph and encode, no captions; the ratio is the median of each round's export CPU over its baseline's; wall time depends on what else the machine runs, CPU time (ffmpeg's and ours) is the steadier comparison)"));
    }

    /// <summary>One profile and framing: its exports' and baselines' costs over the rounds.</summary>
    private sealed class Cell(string profile, Framing framing)
    {
        public string Profile { get; } = profile;

        public Framing Framing { get; } = framing;

        public CostSeries Export { get; } = new();

        public CostSeries Plain { get; } = new();

        public string Cues { get; set; } = "";

        public IEnumerable<double> Ratios => Export.Rounds.Zip(Plain.Rounds, (e, p) => e.CpuSeconds / p.CpuSeconds);

        public double Ratio => CostSeries.Median(Ratios);
    }

    private static double Round(double seconds) => Math.Round(seconds, 2);

    private static void Log(string message) => Console.Error.WriteLine($"[export] {message}");
}
