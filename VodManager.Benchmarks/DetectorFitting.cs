using VodManager.Core.Detection;

namespace VodManager.Benchmarks;

/// <summary>Fitting chat models on labelled streams and scoring them with the real scorer (train-detector, quality).</summary>
internal sealed class DetectorFitting(HighlightScorer scorer, DetectionOptions options)
{
    /// <summary>Every other second is plenty: neighbouring seconds share almost all their chat.</summary>
    private const int Stride = 2;

    private readonly Dictionary<(string Split, string Name, int Window, int Delay), List<(double[] Features, bool Positive)>> _examples = [];

    public DetectionOptions Options => options;

    public ChatModel Fit(IReadOnlyList<LabelledStream> streams, DetectorSettings settings, string trainedOn)
    {
        var examples = streams.SelectMany(s => Examples(s, settings.Window, settings.Delay)).ToList();
        var figures = new ChatModelFigures(trainedOn, examples.Count, examples.Count(e => e.Positive), null, null, DateTimeOffset.UtcNow, settings.Penalty);
        var linear = ChatModelTrainer.Fit(examples, settings.Features, settings.Window, settings.Delay, null, settings.Penalty, figures);
        return settings.Rounds > 0 ? ChatModelTrainer.Boost(linear, examples, settings.Rounds, settings.Shrinkage, settings.LeafPenalty) : linear;
    }

    /// <summary>
    /// Leave-one-stream-out: each stream detected by a model fitted on the others with <paramref name="settings"/>, so
    /// the figure says how the settings carry to a stream they never saw (the honest one to choose settings by).
    /// </summary>
    public LabelledFigures CrossValidate(IReadOnlyList<LabelledStream> streams, DetectorSettings settings) => LabelledFigures.Of(CrossValidatedRuns(streams, settings));

    /// <summary>Each held-out stream's highlights and labels (per-stream figures, to tell a real gain from noise).</summary>
    public List<LabelledRun> CrossValidatedRuns(IReadOnlyList<LabelledStream> streams, DetectorSettings settings) =>
        [.. streams.Select((held, i) => (Detect(held, Fit([.. streams.Where((_, j) => j != i)], settings, "cv")), held.Moments))];

    public LabelledFigures Figures(IReadOnlyList<LabelledStream> streams, ChatModel? model) =>
        LabelledFigures.Of(streams.Select(s => (Detect(s, model), s.Moments)).ToList());

    public IReadOnlyList<(double Start, double End)> Detect(LabelledStream stream, ChatModel? model) =>
        scorer.Score(stream.Input, 10, model).Highlights.Select(h => (h.Start, h.End)).ToList();

    /// <summary>A stream's labelled seconds for one window and delay, kept: cross-validation refits on them many times.</summary>
    private List<(double[] Features, bool Positive)> Examples(LabelledStream s, int window, int delay)
    {
        if (!_examples.TryGetValue((s.Split, s.Name, window, delay), out var examples))
        {
            var features = ChatFeatures.Compute(s.Input.Chat!, (int)Math.Ceiling(s.Input.DurationSeconds), window, delay, options.Chat);
            _examples[(s.Split, s.Name, window, delay)] = examples = [.. ChatModelTrainer.Examples(features, s.Moments, stride: Stride)];
        }

        return examples;
    }
}
