using System.Globalization;
using VodManager.Core.Detection;

namespace VodManager.Testing;

/// <summary>
/// recall@N and precision@N of detected highlights against a synthetic stream's planted truth. Only confident
/// highlights count: a weak one (the list filled up past what detection believes) neither finds a moment nor is a
/// false hit, so recall asks that every moment be found confidently and precision that confidence be earned.
/// </summary>
public sealed record PlantedQuality(double Recall, double Precision, int DecoysHit, int Confident, IReadOnlyList<PlantedKind> Missed, IReadOnlyList<string> FalseHits)
{
    /// <summary>A highlight finds a planted moment when the moment's time lies inside it, give or take the tolerance.</summary>
    public const double ToleranceSeconds = 5;

    public static PlantedQuality Of(SyntheticStream stream, IReadOnlyList<DetectedHighlight> highlights, int topN = 10)
    {
        var top = highlights.OrderBy(h => h.Rank).Take(topN).Where(h => !h.Weak).ToList();
        var moments = stream.Moments.ToList();
        var missed = moments.Where(m => !top.Any(h => Covers(h, m))).Select(m => m.Kind).ToList();
        var hits = top.Count(h => moments.Any(m => Covers(h, m)));
        var decoys = top.Count(h => stream.Decoys.Any(d => Overlaps(h, d)) && !moments.Any(m => Covers(h, m)));
        var falseHits = top.Where(h => !moments.Any(m => Covers(h, m)))
            .Select(h => string.Create(CultureInfo.InvariantCulture, $"#{h.Rank} {h.Start:0}-{h.End:0} score {h.Score:0.00}: {h.Explanation}")).ToList();
        return new PlantedQuality(
            moments.Count == 0 ? 1 : 1 - (double)missed.Count / moments.Count,
            top.Count == 0 ? 0 : (double)hits / top.Count,
            decoys,
            top.Count,
            missed,
            falseHits);
    }

    private static bool Covers(DetectedHighlight h, PlantedMoment m) =>
        h.Start - ToleranceSeconds <= m.AtSeconds && m.AtSeconds <= h.End + ToleranceSeconds;

    private static bool Overlaps(DetectedHighlight h, PlantedMoment d) =>
        h.Start <= d.AtSeconds + d.DurationSeconds && d.AtSeconds <= h.End;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"recall {Recall:0.00}, precision {Precision:0.00} of {Confident} confident, decoys {DecoysHit}, missed [{string.Join(", ", Missed)}]{(FalseHits.Count == 0 ? "" : "\n  false: " + string.Join("\n  false: ", FalseHits))}");
}
