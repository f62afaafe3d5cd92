namespace VodManager.Core.Detection;

/// <summary>
/// Median and MAD of a per-second series over a sliding window, computed at anchors every few seconds and
/// interpolated between them: robust to the spikes it is meant to expose, and cheap on a 12-hour stream.
/// </summary>
public static class RobustBaseline
{
    /// <param name="series">The per-second values.</param>
    /// <param name="halfWidth">Seconds either side of each point the statistics are taken over.</param>
    /// <param name="include">Which values count (e.g. not silence); null for all.</param>
    /// <returns>Per-second median and MAD; NaN where no value in the window counts.</returns>
    public static (float[] Median, float[] Mad) Compute(ReadOnlySpan<float> series, int halfWidth, Func<float, bool>? include = null)
    {
        var length = series.Length;
        var median = new float[length];
        var mad = new float[length];
        if (length == 0)
        {
            return (median, mad);
        }

        var step = Math.Max(1, halfWidth / 20);
        var sampleStride = Math.Max(1, halfWidth / 200);
        var anchors = (length - 1) / step + 1;
        var anchorMedian = new float[anchors + 1];
        var anchorMad = new float[anchors + 1];
        var sample = new List<float>(2 * halfWidth / sampleStride + 2);
        for (var a = 0; a <= anchors; a++)
        {
            var center = Math.Min(a * step, length - 1);
            sample.Clear();
            for (var s = Math.Max(0, center - halfWidth); s <= Math.Min(length - 1, center + halfWidth); s += sampleStride)
            {
                if (include is null || include(series[s]))
                {
                    sample.Add(series[s]);
                }
            }

            (anchorMedian[a], anchorMad[a]) = MedianAndMad(sample);
        }

        for (var s = 0; s < length; s++)
        {
            var a = s / step;
            var t = (float)(s - a * step) / step;
            median[s] = Lerp(anchorMedian[a], anchorMedian[a + 1], t);
            mad[s] = Lerp(anchorMad[a], anchorMad[a + 1], t);
        }

        return (median, mad);
    }

    private static float Lerp(float a, float b, float t) =>
        float.IsNaN(a) ? b : float.IsNaN(b) ? a : a + (b - a) * t;

    private static (float Median, float Mad) MedianAndMad(List<float> values)
    {
        if (values.Count == 0)
        {
            return (float.NaN, float.NaN);
        }

        values.Sort();
        var median = Middle(values);
        for (var i = 0; i < values.Count; i++)
        {
            values[i] = Math.Abs(values[i] - median);
        }

        values.Sort();
        return (median, Middle(values));
    }

    private static float Middle(List<float> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
