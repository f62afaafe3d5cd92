using VodManager.Core.Refinement;

namespace VodManager.Benchmarks;

/// <summary>The refine benchmark's figures over a set of refined highlights: edge errors on true moments, verdicts on both kinds.</summary>
internal sealed record RefineFigures(
    int Moments,
    int Decoys,
    double EdgeErrorBeforeS,
    double EdgeErrorAfterS,
    double EdgeErrorMaxBeforeS,
    double EdgeErrorMaxAfterS,
    double EdgesCloseBefore,
    double EdgesCloseAfter,
    double MomentsKept,
    double DecoysRejected,
    int Failed,
    double MsPerRefinement)
{
    public static RefineFigures Of(IReadOnlyList<Refined> results, double closeEnough)
    {
        var moments = results.Where(r => r.Case.Truth is not null).ToList();
        var decoys = results.Where(r => r.Case.Truth is null).ToList();
        var before = moments.SelectMany(r => Errors(r.Case.Truth!.Value, r.Case.Detected)).ToList();
        var after = moments.SelectMany(r => Errors(r.Case.Truth!.Value, r.Bounds)).ToList();
        return new RefineFigures(
            moments.Count,
            decoys.Count,
            Mean(before),
            Mean(after),
            before.DefaultIfEmpty(0).Max(),
            after.DefaultIfEmpty(0).Max(),
            Share(before, e => e <= closeEnough),
            Share(after, e => e <= closeEnough),
            Share(moments, r => r.Clipable),
            Share(decoys, r => !r.Clipable),
            results.Count(r => r.Result.Outcome is not (RefineOutcome.Refined or RefineOutcome.NotClipable)),
            results.Count == 0 ? 0 : results.Average(r => r.Milliseconds));
    }

    /// <summary>The last line: the figures the issue names first, then the rest.</summary>
    public object Json() => new
    {
        benchmark = "refine",
        edgeErrorBeforeS = Math.Round(EdgeErrorBeforeS, 3),
        edgeErrorAfterS = Math.Round(EdgeErrorAfterS, 3),
        moments = Moments,
        decoys = Decoys,
        decoysRejected = Math.Round(DecoysRejected, 3),
        momentsKept = Math.Round(MomentsKept, 3),
        msPerRefinement = Math.Round(MsPerRefinement, 1),
        edgeErrorMaxBeforeS = Math.Round(EdgeErrorMaxBeforeS, 3),
        edgeErrorMaxAfterS = Math.Round(EdgeErrorMaxAfterS, 3),
        edgesCloseBefore = Math.Round(EdgesCloseBefore, 3),
        edgesCloseAfter = Math.Round(EdgesCloseAfter, 3),
        failed = Failed,
    };

    private static IEnumerable<double> Errors((double Start, double End) truth, (double Start, double End) bounds) =>
        [Math.Abs(bounds.Start - truth.Start), Math.Abs(bounds.End - truth.End)];

    private static double Mean(List<double> values) => values.Count == 0 ? 0 : values.Average();

    private static double Share<T>(List<T> items, Func<T, bool> test) => items.Count == 0 ? 0 : (double)items.Count(test) / items.Count;
}
