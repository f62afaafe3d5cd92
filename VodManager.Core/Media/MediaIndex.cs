namespace VodManager.Core.Media;

/// <summary>A VOD's cached analysis: keyframe times (s) and loudness per second (LUFS, index = second).</summary>
public sealed record MediaIndex(double[] Keyframes, float[] Loudness)
{
    private const double Tolerance = 0.001;

    /// <summary>The last keyframe at or before <paramref name="seconds"/>: where a stream-copy cut really starts.</summary>
    public double KeyframeAtOrBefore(double seconds)
    {
        // A keyframe a hair after the asked time (float rounding in ffprobe's output) still counts as "at".
        var i = Array.BinarySearch(Keyframes, seconds + Tolerance);
        var atOrBefore = i >= 0 ? i : ~i - 1;
        return atOrBefore >= 0 ? Keyframes[atOrBefore] : 0;
    }
}
