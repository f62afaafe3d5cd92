using System.Globalization;
using VodManager.Core.Media;

namespace VodManager.Core.Detection;

/// <summary>
/// Loud moments in the source's audio, from the per-second loudness <see cref="MediaIndexService"/> caches: each
/// second (median of itself and its neighbours, so a single click is ignored) against the median loudness around it
/// (silence excluded). The value starts at AudioThresholdLu above that and reaches 1.0 at AudioFullLu.
/// </summary>
public sealed class AudioEnergySignal : SignalTrack
{
    /// <summary>Quieter than this is silence (a pause, a BRB screen): never a baseline, never a moment.</summary>
    private const float SilenceLufs = -60;

    private readonly float[] _delta;

    private AudioEnergySignal(float[] values, float[] delta)
        : base(values)
    {
        _delta = delta;
    }

    public static AudioEnergySignal Compute(float[]? loudness, int seconds, DetectionOptions options)
    {
        var values = new float[seconds];
        var delta = new float[seconds];
        if (loudness is null || loudness.Length == 0)
        {
            return new AudioEnergySignal(values, delta);
        }

        var smooth = new float[loudness.Length];
        for (var s = 0; s < loudness.Length; s++)
        {
            var a = loudness[Math.Max(0, s - 1)];
            var b = loudness[s];
            var c = loudness[Math.Min(loudness.Length - 1, s + 1)];
            smooth[s] = Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
        }

        var (median, _) = RobustBaseline.Compute(smooth, (int)options.AudioBaselineSeconds, l => l > SilenceLufs);
        for (var s = 0; s < Math.Min(seconds, smooth.Length); s++)
        {
            if (smooth[s] <= SilenceLufs || float.IsNaN(median[s]))
            {
                continue;
            }

            delta[s] = smooth[s] - median[s];
            values[s] = (float)Math.Clamp((delta[s] - options.AudioThresholdLu) / (options.AudioFullLu - options.AudioThresholdLu), 0, 1);
        }

        return new AudioEnergySignal(values, delta);
    }

    public override string? Describe(int from, int to)
    {
        var peak = Peak(from, to);
        return Values.Length == 0 || Values[peak] <= 0 ? null : string.Create(CultureInfo.InvariantCulture, $"audio {_delta[peak]:0} LU louder than around it");
    }
}
