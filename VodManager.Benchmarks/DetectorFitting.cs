using VodManager.Core.Detection;

namespace VodManager.Benchmarks;

/// <summary>Fitting chat models on labelled streams and scoring them with the real scorer (train-detector, quality).</summary>
internal sealed class DetectorFitting(HighlightScorer scorer, DetectionOptions options)
{
    public DetectionOptions Options => options;

    /// <summary>Every other second is plenty: neighbouring seconds share almost all their chat.</summary>
    private const int Stride = 2;

    public ChatModel Fit(IReadOnlyList<LabelledStream> streams, int window, int delay, ChatModel? prior, double penalty, string trainedOn)
    {
        var examples = streams
            .SelectMany(s => ChatModelTrainer.Examples(ChatFeatures.Compute(s.Input.Chat!, Seconds(s), window, delay, options.Chat), s.Moments, stride: Stride))
            .ToList();
        var figures = new ChatModelFigures(trainedOn, examples.Count, examples.Count(e => e.Positive), null, null, DateTimeOffset.UtcNow);
        var model = ChatModelTrainer.Fit(examples, window, delay, prior, penalty, figures);
        var fitted = Figures(streams, model);
        return model with { Figures = figures with { PrecisionAt5 = Math.Round(fitted.P5, 3), PrecisionAt10 = Math.Round(fitted.P10, 3) } };
    }

    public LabelledFigures Figures(IReadOnlyList<LabelledStream> streams, ChatModel? model) =>
        LabelledFigures.Of(streams.Select(s => (Detect(s, model), s.Moments)).ToList());

    public IReadOnlyList<(double Start, double End)> Detect(LabelledStream stream, ChatModel? model) =>
        scorer.Score(stream.Input, 10, model).Highlights.Select(h => (h.Start, h.End)).ToList();

    private static int Seconds(LabelledStream s) => (int)Math.Ceiling(s.Input.DurationSeconds);
}
