using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VodManager.Core.Detection;

namespace VodManager.Benchmarks;

/// <summary>
/// `detect [--hours H] [--rate R]`: writes a synthetic 12-hour stream (about 2M chat lines of TwitchDownloader JSON,
/// with events and a transcript), then times a bare streaming parse of the chat (Utf8JsonReader over every token,
/// nothing kept) against the full detection from the files (parse included). Best of three rounds each; peak memory
/// is the process's peak working set, which must stay far below the chat file's size.
/// </summary>
public sealed class DetectBenchmark : IBenchmark
{
    private const int Rounds = 3;

    public string Name => "detect";

    public string Description => "12 h synthetic stream: detection from files vs a bare streaming JSON parse";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var hours = BenchmarkArgs.Number(args, "--hours", 12);
        var rate = BenchmarkArgs.Number(args, "--rate", 58);
        var folder = Path.Combine(Path.GetTempPath(), $"vodmanager-bench-detect-{Environment.ProcessId}");
        try
        {
            Console.Error.WriteLine($"writing a {hours} h synthetic stream under {folder} …");
            var stream = await SyntheticStreamGenerator.WriteAsync(new SyntheticStreamSpec(hours * 3600, Seed: 12, MessagesPerSecond: rate), folder, cancellationToken);
            var bytes = new FileInfo(stream.Chat).Length;
            await using var services = BenchmarkHost.Build(Path.Combine(folder, "data"));
            var analyzer = services.GetRequiredService<FileAnalyzer>();
            var files = new AnalyzeFiles(stream.Chat, stream.Events, stream.Transcript, null);

            using var stages = new StageTimes();
            var parse = double.MaxValue;
            var detect = double.MaxValue;
            var (parseCpu, detectCpu) = (double.MaxValue, double.MaxValue);
            long tokens = 0;
            DetectionOutcome? outcome = null;
            for (var round = 1; round <= Rounds; round++)
            {
                var watch = Stopwatch.StartNew();
                var cpu = CpuSeconds();
                tokens = await BareParse.CountTokensAsync(stream.Chat, cancellationToken);
                parse = Math.Min(parse, watch.Elapsed.TotalSeconds);
                parseCpu = Math.Min(parseCpu, CpuSeconds() - cpu);

                stages.Reset();
                watch.Restart();
                cpu = CpuSeconds();
                outcome = await analyzer.AnalyzeAsync(files, topN: null, progress: null, cancellationToken);
                detect = Math.Min(detect, watch.Elapsed.TotalSeconds);
                detectCpu = Math.Min(detectCpu, CpuSeconds() - cpu);
                stages.Print($"round {round}: detection from files", watch.Elapsed.TotalSeconds);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}: parse {parse:0.000} s, detect {detect:0.000} s"));
            }

            var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024);
            var ratio = detect / parse;
            PrintTable(stream, bytes, tokens, (parse, parseCpu), (detect, detectCpu), ratio, peakMb, outcome!);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                messages = stream.Messages,
                parse_s = Math.Round(parse, 3),
                detect_s = Math.Round(detect, 3),
                ratio = Math.Round(ratio, 3),
                parse_cpu_s = Math.Round(parseCpu, 3),
                detect_cpu_s = Math.Round(detectCpu, 3),
                cpu_ratio = Math.Round(detectCpu / parseCpu, 3),
                peak_mb = Math.Round(peakMb, 1),
            }));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The process's CPU seconds so far: with parsing and adding up overlapping, wall time alone hides the work.</summary>
    private static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static void PrintTable(SyntheticStream stream, long bytes, long tokens, (double Wall, double Cpu) parse, (double Wall, double Cpu) detect, double ratio, double peakMb, DetectionOutcome outcome)
    {
        var mb = bytes / (1024.0 * 1024);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            | {stream.DurationSeconds / 3600:0} h stream, {stream.Messages:N0} chat lines, {mb:0} MB JSON | seconds | CPU s   | MB/s  | lines/s    |
            |---------------------------------------------------|---------|---------|-------|------------|
            | baseline: bare streaming parse ({tokens:N0} tokens)  | {parse.Wall,7:0.000} | {parse.Cpu,7:0.000} | {mb / parse.Wall,5:0} | {stream.Messages / parse.Wall,10:N0} |
            | detection from files (parse included)             | {detect.Wall,7:0.000} | {detect.Cpu,7:0.000} | {mb / detect.Wall,5:0} | {stream.Messages / detect.Wall,10:N0} |
            | ratio detection / baseline (goal ≤ 1.5)           | {ratio,7:0.000} | {detect.Cpu / parse.Cpu,7:0.000} |       |            |
            | peak working set, MB (chat file {mb:0} MB)          | {peakMb,7:0.0} |         |       |            |
            | highlights found                                  | {outcome.Highlights.Count,7} |         |       |            |
            """));
    }
}
