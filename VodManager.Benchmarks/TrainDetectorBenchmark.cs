using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VodManager.Core.Detection;

namespace VodManager.Benchmarks;

/// <summary>
/// `train-detector`: fits the shipped chat model on the Lightor Dota 2 training streams only (never the test
/// streams). The window and the delay are chosen by leave-one-stream-out P@5 + P@10 over a small grid, then the
/// model is fitted on all training streams and written to VodManager.Core/Detection/chat-model.json.
/// </summary>
public sealed class TrainDetectorBenchmark : IBenchmark
{
    public const string Split = "dota2-train";
    public const double Penalty = 1e-3;

    private static readonly int[] Windows = [15, 20, 25, 30, 40];
    private static readonly int[] Delays = [3, 6, 10, 14];

    public string Name => "train-detector";

    public string Description => "fit the shipped chat model on Lightor dota2-train (writes VodManager.Core/Detection/chat-model.json)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (LabelledStream.Root() is not { } root)
        {
            Console.Error.WriteLine("shared/data/lightor is not beside the repository: nothing to train on.");
            return 1;
        }

        var folder = Path.Combine(Path.GetTempPath(), $"vodmanager-bench-train-{Environment.ProcessId}");
        try
        {
            await using var services = BenchmarkHost.Build(Path.Combine(folder, "data"), appSettings: true);
            var fitting = new DetectorFitting(services.GetRequiredService<HighlightScorer>(), services.GetRequiredService<IOptions<DetectionOptions>>().Value);
            var train = await LabelledStream.LoadAsync(services.GetRequiredService<FileAnalyzer>(), root, Split, Path.Combine(folder, "scratch"), cancellationToken);
            Console.WriteLine("| window s | delay s | CV P@5 | CV P@10 |");
            Console.WriteLine("|---------:|--------:|-------:|--------:|");
            var (bestWindow, bestDelay, best) = (0, 0, double.MinValue);
            foreach (var window in Windows)
            {
                foreach (var delay in Delays)
                {
                    var held = train.Select((s, i) =>
                    {
                        var model = fitting.Fit([.. train.Where((_, j) => j != i)], window, delay, null, Penalty, "cv");
                        return (fitting.Detect(s, model), s.Moments);
                    }).ToList();
                    var cv = LabelledFigures.Of([.. held.Select(h => ((IReadOnlyList<(double, double)>)h.Item1, h.Moments))]);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {window,8} | {delay,7} | {cv.P5,6:0.000} | {cv.P10,7:0.000} |"));
                    if (cv.P5 + cv.P10 > best + 1e-9)
                    {
                        (bestWindow, bestDelay, best) = (window, delay, cv.P5 + cv.P10);
                    }
                }
            }

            var shipped = fitting.Fit(train, bestWindow, bestDelay, null, Penalty, $"lightor {Split}, {train.Count} streams");
            var path = Path.Combine(BenchmarkHost.RepositoryRoot(), "VodManager.Core", "Detection", "chat-model.json");
            await File.WriteAllTextAsync(path, shipped.ToJson() + "\n", cancellationToken);
            Console.Error.WriteLine($"wrote {path}");
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                window_s = bestWindow,
                delay_s = bestDelay,
                cv_p5_plus_p10 = Math.Round(best, 3),
                train_p5 = shipped.Figures.PrecisionAt5,
                train_p10 = shipped.Figures.PrecisionAt10,
                weights = shipped.Weights.Select(w => Math.Round(w, 3)),
            }));
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
}
