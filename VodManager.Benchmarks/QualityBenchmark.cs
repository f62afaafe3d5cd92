using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VodManager.Core.Detection;
using VodManager.Core.Ingest;

namespace VodManager.Benchmarks;

/// <summary>
/// `quality`: detection against human labels (Lightor, read from the sibling shared/ folder) with the source's metric,
/// reported per split (the model is trained on dota2-train only: dota2-test and LoL are held out), beside a naive
/// chat-volume detector; the per-channel refit's gain; the synthetic streams' planted truth; the sparse real LiiHS
/// chat; and detection time per hour of chat. `--labelled DIR` adds a set of one's own labelled streams (a folder per
/// stream holding its chat and truth.json, as Lightor's), scored and never trained on.
/// </summary>
public sealed class QualityBenchmark : IBenchmark
{
    /// <summary>The naive detector: the busiest 25 s windows of raw chat lines, started this much earlier (chat lags).</summary>
    private const int NaiveWindow = 25;
    private const int NaiveLag = 10;

    private static readonly string[] Splits = [TrainDetectorBenchmark.Split, "dota2-test", "lol-train"];

    public string Name => "quality";

    public string Description => "detection vs human labels (Lightor P@K; --labelled DIR adds your own), per-channel refit gain, synthetic truth, sparse chat";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"vodmanager-bench-quality-{Environment.ProcessId}");
        try
        {
            await using var services = BenchmarkHost.Build(Path.Combine(folder, "data"), appSettings: true);
            var options = services.GetRequiredService<IOptions<DetectionOptions>>().Value;
            var analyzer = services.GetRequiredService<FileAnalyzer>();
            var scorer = services.GetRequiredService<HighlightScorer>();
            var parser = services.GetRequiredService<ChatLogParser>();
            var ingest = services.GetRequiredService<IOptions<IngestOptions>>().Value;
            var fitting = new DetectorFitting(scorer, options);
            var json = new Dictionary<string, object?>();

            var labelled = new List<LabelledStream>();
            var gains = new List<string>();
            double chatHours = 0, detectSeconds = 0;
            var sets = LabelledStream.Root() is { } root ? Splits.Select(split => (Root: root, Split: split, Key: split)).ToList() : [];
            if (sets.Count == 0)
            {
                Console.Error.WriteLine("shared/data/lightor is not beside the repository: its labelled rows skipped.");
            }

            if (BenchmarkArgs.Text(args, "--labelled") is { } extra)
            {
                // Anyone's own labelled streams, scored beside (never trained on): one folder per stream with the
                // chat (chat.json.gz or chat.json) and truth.json, as in the Lightor folders.
                var full = Path.GetFullPath(extra.TrimEnd('/', '\\'));
                if (!Directory.Exists(full) || Directory.GetDirectories(full).Length == 0)
                {
                    Console.Error.WriteLine($"--labelled {extra}: no such folder, or it has no stream folders (each holds chat.json.gz or chat.json and truth.json)");
                    return 2;
                }

                sets.Add((Path.GetDirectoryName(full)!, Path.GetFileName(full), $"labelled {Path.GetFileName(full)}"));
            }

            Console.WriteLine("| set | detector | streams | P@1 | P@3 | P@5 | P@10 | overlap P@5 | overlap P@10 | start error s | fewest returned |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var (setRoot, split, key) in sets)
            {
                var watch = Stopwatch.StartNew();
                var streams = await LabelledStream.LoadAsync(analyzer, setRoot, split, cancellationToken);
                var modelRuns = streams.Select(s => (fitting.Detect(s, null), s.Moments)).ToList();
                var model = LabelledFigures.Of(modelRuns);
                detectSeconds += watch.Elapsed.TotalSeconds;
                chatHours += streams.Sum(s => s.Input.DurationSeconds) / 3600;
                var naiveRuns = streams.Select(s => (Naive(s, options.SeparationSeconds), s.Moments)).ToList();
                var naive = LabelledFigures.Of(naiveRuns);
                var previous = new List<LabelledRun>();
                foreach (var s in streams)
                {
                    previous.Add((await PreviousDetector.DetectAsync(parser, ingest, s.Chat, s.Input.DurationSeconds, 10, cancellationToken), s.Moments));
                }

                var before = LabelledFigures.Of(previous);
                Row(key, "naive chat volume (25 s)", naive);
                Row(key, "previous detector (chat spikes)", before);
                Row(key, "chat model (default)", model);
                var vsNaive = Gain($"{key}: chat model vs naive", LabelledFigures.PairedGain(modelRuns, naiveRuns), streams.Count, gains);
                var vsPrevious = Gain($"{key}: chat model vs previous", LabelledFigures.PairedGain(modelRuns, previous), streams.Count, gains);
                if (key == TrainDetectorBenchmark.Split)
                {
                    // The shipped settings refitted without each stream in turn: what the fit says about unseen streams.
                    var cv = fitting.CrossValidate(streams, TrainDetectorBenchmark.Settings(ChatModel.Default));
                    Row($"{key} CV", "chat model, leave one stream out", cv);
                    json[key] = new { naive = Json(naive), previous = Json(before), model = Json(model), cv = Json(cv), model_vs_naive = vsNaive, model_vs_previous = vsPrevious };
                }
                else
                {
                    json[key] = new { naive = Json(naive), previous = Json(before), model = Json(model), model_vs_naive = vsNaive, model_vs_previous = vsPrevious };
                }

                if (key == split)
                {
                    labelled.AddRange(streams);
                }
            }

            if (labelled.Count > 0)
            {
                var (tunedRuns, defaultRuns, adopted) = PerChannel(fitting, labelled);
                var (tunedFigures, defaultFigures) = (LabelledFigures.Of(tunedRuns), LabelledFigures.Of(defaultRuns));
                Row("same channel, other streams", "chat model (default)", defaultFigures);
                Row("same channel, other streams", $"refit on one stream's labels (tuned kept for {adopted} of {tunedRuns.Count})", tunedFigures);
                var tunedGain = Gain("same channel: refit vs default", LabelledFigures.PairedGain(tunedRuns, defaultRuns), tunedRuns.Count, gains);
                json["per_channel"] = new { pairs = tunedRuns.Count, adopted, default_model = Json(defaultFigures), tuned = Json(tunedFigures), tuned_vs_default = tunedGain };
            }

            json["synthetic"] = await SyntheticAsync(folder, analyzer, scorer, cancellationToken);
            json["sparse"] = await SparseAsync(analyzer, cancellationToken);

            foreach (var line in gains)
            {
                Console.WriteLine(line);
            }

            json["seconds_per_chat_hour"] = chatHours > 0 ? Math.Round(detectSeconds / chatHours, 3) : null;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"detection (parse + score) per hour of chat: {detectSeconds / Math.Max(chatHours, 1e-9):0.000} s over {chatHours:0.0} h"));
            Console.WriteLine(JsonSerializer.Serialize(json));
            return 0;
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>
    /// For each channel with several streams: the product's refit on one stream's labels (an editor's work), which keeps
    /// the default when cross-validation inside those labels does not favour the tuned model; scored on the channel's others.
    /// </summary>
    private static (List<LabelledRun> Tuned, List<LabelledRun> Default, int Adopted) PerChannel(DetectorFitting fitting, List<LabelledStream> streams)
    {
        var adopted = 0;
        var tuned = new List<LabelledRun>();
        var plain = new List<LabelledRun>();
        foreach (var channel in streams.Where(s => s.Channel is not null).GroupBy(s => s.Channel).Where(g => g.Count() > 1))
        {
            foreach (var edited in channel)
            {
                var labels = new LabelledChat(edited.Input.Chat!, (int)Math.Ceiling(edited.Input.DurationSeconds), edited.Moments, null);
                var (model, _, _) = ChannelRefit.Fit(ChatModel.Default, [labels], fitting.Options.Chat, edited.Name, DateTimeOffset.UtcNow);
                foreach (var other in channel.Where(s => s != edited))
                {
                    adopted += model is null ? 0 : 1;
                    tuned.Add((fitting.Detect(other, model), other.Moments));
                    plain.Add((fitting.Detect(other, null), other.Moments));
                }
            }
        }

        return (tuned, plain, adopted);
    }

    private static IReadOnlyList<(double Start, double End)> Naive(LabelledStream stream, double separation)
    {
        var messages = stream.Input.Chat!.Messages.ToArray();
        var prefix = new double[messages.Length + 1];
        for (var i = 0; i < messages.Length; i++)
        {
            prefix[i + 1] = prefix[i] + messages[i];
        }

        var taken = new List<int>();
        foreach (var s in Enumerable.Range(0, messages.Length).OrderByDescending(s => prefix[Math.Min(messages.Length, s + NaiveWindow)] - prefix[s]).ThenBy(s => s))
        {
            if (taken.Count == 10)
            {
                break;
            }

            if (taken.All(t => Math.Abs(t - s) >= separation))
            {
                taken.Add(s);
            }
        }

        return taken.Select(s => ((double)Math.Max(0, s - NaiveLag), (double)(s + NaiveWindow))).ToList();
    }

    private static async Task<object> SyntheticAsync(string folder, FileAnalyzer analyzer, HighlightScorer scorer, CancellationToken cancellationToken)
    {
        var specs = new[] { (1, 3 * 3600, 1.5), (2, 3 * 3600, 1.5), (3, 2 * 3600, 0.6), (4, 4 * 3600, 3.0), (5, 1 * 3600, 1.0) };
        var qualities = new List<PlantedQuality>();
        foreach (var (seed, seconds, rate) in specs)
        {
            var stream = await SyntheticStreamGenerator.WriteAsync(new SyntheticStreamSpec(seconds, seed, rate), Path.Combine(folder, $"synthetic-{seed}"), cancellationToken);
            var input = await analyzer.LoadAsync(new AnalyzeFiles(stream.Chat, stream.Events, stream.Transcript, null), null, cancellationToken);
            var outcome = scorer.Score(input with { Loudness = stream.Loudness });
            qualities.Add(PlantedQuality.Of(stream, outcome.Highlights));
            Console.Error.WriteLine($"synthetic seed {seed}: {qualities[^1]}");
        }

        var (recall, precision, decoys) = (qualities.Average(q => q.Recall), qualities.Average(q => q.Precision), qualities.Sum(q => q.DecoysHit));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| synthetic ({specs.Length} streams) | chat model + events, transcript, audio | recall {recall:0.00} | precision {precision:0.00} (confident) | decoys {decoys} |"));
        return new { streams = specs.Length, recall = Math.Round(recall, 3), precision = Math.Round(precision, 3), decoys };
    }

    private static async Task<object?> SparseAsync(FileAnalyzer analyzer, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetDirectoryName(RepoPaths.Root)!, "shared", "data", "real", "liihs_vod955629991_v5.json");
        if (!File.Exists(file))
        {
            return null;
        }

        var outcome = await analyzer.AnalyzeAsync(new AnalyzeFiles(file, null, null, null), 10, null, cancellationToken);
        var starts = string.Join(", ", outcome.Highlights.Select(h => string.Create(CultureInfo.InvariantCulture, $"{h.Start:0}{(h.Weak ? "w" : "")}")));
        var confident = outcome.Highlights.Count(h => !h.Weak);
        Console.WriteLine($"| sparse LiiHS 7.6 h, 2,409 lines | --top 10 | returned {outcome.Highlights.Count} ({confident} confident) | starts {starts} |");
        return new { returned = outcome.Highlights.Count, confident, starts = outcome.Highlights.Select(h => Math.Round(h.Start)) };
    }

    /// <summary>A paired gain printed under the table (noise or not is for the reader to see) and kept for the JSON; one stream has no error to give.</summary>
    private static object Gain(string what, (double Mean, double StandardError) gain, int streams, List<string> lines)
    {
        var error = streams > 1 ? string.Create(CultureInfo.InvariantCulture, $"± {gain.StandardError:0.000} per stream") : "on its one stream";
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"{what}: {gain.Mean:+0.000;-0.000;+0.000} {error} (mean of P@5 and P@10, paired)"));
        return new { gain = Math.Round(gain.Mean, 3), se = streams > 1 ? Math.Round(gain.StandardError, 3) : (double?)null };
    }

    private static void Row(string set, string detector, LabelledFigures f) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {set} | {detector} | {f.Streams} | {f.P1:0.00} | {f.P3:0.00} | {f.P5:0.00} | {f.P10:0.00} | {f.Overlap5:0.00} | {f.Overlap10:0.00} | {f.StartError:0.0} | {f.MinReturned} |"));

    private static object Json(LabelledFigures f) => new
    {
        streams = f.Streams,
        p1 = Math.Round(f.P1, 3),
        p3 = Math.Round(f.P3, 3),
        p5 = Math.Round(f.P5, 3),
        p10 = Math.Round(f.P10, 3),
        overlap_p5 = Math.Round(f.Overlap5, 3),
        overlap_p10 = Math.Round(f.Overlap10, 3),
        start_error_s = double.IsNaN(f.StartError) ? (double?)null : Math.Round(f.StartError, 1),
        fewest_returned = f.MinReturned,
    };
}
