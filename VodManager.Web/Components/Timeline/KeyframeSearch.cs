namespace VodManager.Web.Components.Timeline;

/// <summary>Searches in a sorted list of keyframe times.</summary>
public static class KeyframeSearch
{
    // ffprobe prints times rounded to the microsecond; a keyframe this close counts as "at" a time.
    private const double Tolerance = 0.001;

    /// <summary>The keyframe nearest to <paramref name="seconds"/> within [min, max], or null when none lies there.</summary>
    public static double? Nearest(IReadOnlyList<double> keyframes, double seconds, double min, double max)
    {
        var after = FirstAtOrAfter(keyframes, seconds, min, max);
        var before = LastAtOrBefore(keyframes, seconds, min, max);
        return (before, after) switch
        {
            (null, var a) => a,
            (var b, null) => b,
            var (b, a) => seconds - b!.Value <= a!.Value - seconds ? b : a,
        };
    }

    /// <summary>The first keyframe at or after <paramref name="seconds"/> that is still at most <paramref name="max"/>.</summary>
    public static double? FirstAtOrAfter(IReadOnlyList<double> keyframes, double seconds, double min, double max)
    {
        var i = LowerBound(keyframes, Math.Max(seconds, min) - Tolerance);
        return i < keyframes.Count && keyframes[i] <= max + Tolerance ? keyframes[i] : null;
    }

    /// <summary>The last keyframe at or before <paramref name="seconds"/> that is still at least <paramref name="min"/>.</summary>
    public static double? LastAtOrBefore(IReadOnlyList<double> keyframes, double seconds, double min, double max)
    {
        var i = LowerBound(keyframes, Math.Min(seconds, max) + Tolerance) - 1;
        return i >= 0 && keyframes[i] >= min - Tolerance ? keyframes[i] : null;
    }

    /// <summary>Index of the first keyframe ≥ value.</summary>
    private static int LowerBound(IReadOnlyList<double> keyframes, double value)
    {
        var (lo, hi) = (0, keyframes.Count);
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (keyframes[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
