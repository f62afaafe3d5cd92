// One stream's highlights in rank order beside its labelled moments: what every figure here is computed from.
global using LabelledRun = (System.Collections.Generic.IReadOnlyList<(double Start, double End)> Highlights, System.Collections.Generic.IReadOnlyList<(double Start, double End)> Moments);
using VodManager.Core.Detection;

namespace VodManager.Benchmarks;

/// <summary>
/// The Lightor metric over a set of streams: P@K by start (<see cref="HighlightMetric.IsRight"/>; missing highlights
/// count as wrong), overlap precision (the clip overlaps a labelled moment), the mean |start − moment start| of the
/// right ones, and how many highlights came back per stream.
/// </summary>
internal sealed record LabelledFigures(int Streams, double P1, double P3, double P5, double P10, double Overlap5, double Overlap10, double StartError, int MinReturned)
{
    /// <summary>The one figure settings are chosen and compared by: the mean of P@5 and P@10.</summary>
    public double Headline => (P5 + P10) / 2;

    public static LabelledFigures Of(IReadOnlyList<LabelledRun> runs)
    {
        double At(int k, Func<(double Start, double End), IReadOnlyList<(double Start, double End)>, bool> right) =>
            runs.Count == 0 ? 0 : runs.Sum(r => r.Highlights.Take(k).Count(h => right(h, r.Moments))) / (double)(k * runs.Count);

        var errors = runs.SelectMany(r => r.Highlights.Take(10)
                .Select(h => r.Moments.Where(m => HighlightMetric.IsRight(h.Start, m)).Select(m => Math.Abs(h.Start - m.Start)).DefaultIfEmpty(double.NaN).Min()))
            .Where(e => !double.IsNaN(e))
            .ToList();
        return new LabelledFigures(
            runs.Count,
            At(1, ByStart),
            At(3, ByStart),
            At(5, ByStart),
            At(10, ByStart),
            At(5, Overlaps),
            At(10, Overlaps),
            errors.Count == 0 ? double.NaN : errors.Average(),
            runs.Count == 0 ? 0 : runs.Min(r => r.Highlights.Count));
    }

    /// <summary>
    /// How much better <paramref name="candidate"/> does than <paramref name="baseline"/> on the same streams, stream by
    /// stream (the mean of P@5 and P@10), with the standard error of that paired difference: a gain within about one
    /// error is noise between these streams.
    /// </summary>
    public static (double Mean, double StandardError) PairedGain(IReadOnlyList<LabelledRun> candidate, IReadOnlyList<LabelledRun> baseline)
    {
        var gains = candidate.Zip(baseline, (c, b) => Of([c]).Headline - Of([b]).Headline).ToList();
        var mean = gains.Average();
        var variance = gains.Sum(g => (g - mean) * (g - mean)) / Math.Max(1, gains.Count - 1);
        return (mean, Math.Sqrt(variance / gains.Count));
    }

    private static bool ByStart((double Start, double End) h, IReadOnlyList<(double Start, double End)> moments) =>
        moments.Any(m => HighlightMetric.IsRight(h.Start, m));

    private static bool Overlaps((double Start, double End) h, IReadOnlyList<(double Start, double End)> moments) =>
        moments.Any(m => h.Start < m.End && m.Start < h.End);
}
