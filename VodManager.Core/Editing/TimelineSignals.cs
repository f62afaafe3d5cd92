using VodManager.Core.Detection;

namespace VodManager.Core.Editing;

/// <summary>Detection's four signals reduced to the minimap's buckets: each bucket holds its strongest second.</summary>
public sealed record TimelineSignals(double[] Chat, double[] Events, double[] Transcript, double[] Audio)
{
    public static TimelineSignals From(SignalCurves curves, double bucketSeconds, int buckets) => new(
        Bucket(curves.Chat, bucketSeconds, buckets, Math.Max),
        Bucket(curves.Events, bucketSeconds, buckets, Math.Max),
        Bucket(curves.Transcript, bucketSeconds, buckets, Math.Max),
        Bucket(curves.Audio, bucketSeconds, buckets, Math.Max));

    /// <summary>Folds a per-second curve into buckets (seconds past the last bucket land in it).</summary>
    public static double[] Bucket(float[] perSecond, double bucketSeconds, int buckets, Func<double, double, double> fold)
    {
        var result = new double[buckets];
        for (var second = 0; second < perSecond.Length; second++)
        {
            var bucket = Math.Min((int)(second / bucketSeconds), buckets - 1);
            result[bucket] = fold(result[bucket], perSecond[second]);
        }

        return result;
    }
}
