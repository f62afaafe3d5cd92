using System.Globalization;

namespace VodManager.Core.Detection;

/// <summary>
/// Chat spikes: the weighted activity of each window (<see cref="ChatSpikeOptions.WindowSeconds"/>, ending at each
/// second) against the stream's own robust local baseline (median and MAD over ± <see cref="ChatSpikeOptions.BaselineSeconds"/>,
/// with a floor of √median + 1 so a quiet chat's noise is not a spike). A window scores from z ≥ ZThreshold when it is also
/// MinRatio × the baseline; the value grows to 1.0 at FullZ. Values sit where chat reacts; <see cref="LeadSeconds"/>
/// moves the moment's start earlier.
/// </summary>
public sealed class ChatSpikeSignal : SignalTrack
{
    private readonly float[] _window;
    private readonly float[] _baseline;
    private readonly float[] _z;
    private readonly ChatSpikeOptions _options;
    private readonly int _width;

    private ChatSpikeSignal(float[] values, float[] window, float[] baseline, float[] z, ChatSpikeOptions options, int width)
        : base(values)
    {
        (_window, _baseline, _z, _options, _width) = (window, baseline, z, options, width);
    }

    public override double LeadSeconds => _options.LeadInSeconds;

    public static ChatSpikeSignal Compute(ChatActivity? chat, int seconds, ChatSpikeOptions options)
    {
        var values = new float[seconds];
        var window = new float[seconds];
        var z = new float[seconds];
        if (chat is null || chat.Seconds == 0)
        {
            return new ChatSpikeSignal(values, window, new float[seconds], z, options, 0);
        }

        var width = Width(chat, options);
        var prefix = Prefix(chat.Weighted);
        for (var s = 0; s < seconds; s++)
        {
            // The window ends at s, so a run starts when the reaction does, not a window earlier.
            window[s] = (float)(prefix[Math.Min(s + 1, prefix.Length - 1)] - prefix[Math.Min(Math.Max(0, s + 1 - width), prefix.Length - 1)]);
        }

        var (median, mad) = RobustBaseline.Compute(window, (int)options.BaselineSeconds);
        for (var s = 0; s < seconds; s++)
        {
            var m = float.IsNaN(median[s]) ? 0 : median[s];
            // Poisson noise plus one: a quiet chat's 3 → 12 lines is chance, not a spike.
            var sigma = Math.Max(1.4826 * (float.IsNaN(mad[s]) ? 0 : mad[s]), Math.Sqrt(Math.Max(m, 1)) + 1);
            z[s] = (float)((window[s] - m) / sigma);
            var isSpike = z[s] >= options.ZThreshold && window[s] >= options.MinRatio * Math.Max(m, 0.5) && window[s] >= options.MinActivity;
            values[s] = isSpike ? (float)Math.Clamp((z[s] - options.ZThreshold) / (options.FullZ - options.ZThreshold), 0.05, 1) : 0;
        }

        return new ChatSpikeSignal(values, window, median, z, options, width);
    }

    /// <summary>
    /// The window: <see cref="ChatSpikeOptions.WindowSeconds"/>, widened (up to MaxWindowSeconds) for a sparse chat
    /// until a window expects a few chatters, or its counts are all noise.
    /// </summary>
    private static int Width(ChatActivity chat, ChatSpikeOptions options)
    {
        const double ExpectedChatters = 4;
        var total = 0.0;
        foreach (var w in chat.Weighted)
        {
            total += w;
        }

        var perSecond = total / Math.Max(1, chat.Seconds);
        var wanted = perSecond > 0 ? ExpectedChatters / perSecond : options.MaxWindowSeconds;
        return (int)Math.Round(Math.Clamp(wanted, options.WindowSeconds, Math.Max(options.WindowSeconds, options.MaxWindowSeconds)));
    }

    private static double[] Prefix(ReadOnlySpan<float> values)
    {
        var prefix = new double[values.Length + 1];
        for (var i = 0; i < values.Length; i++)
        {
            prefix[i + 1] = prefix[i] + values[i];
        }

        return prefix;
    }

    public override string? Describe(int from, int to)
    {
        var peak = Peak(from, to);
        if (Values.Length == 0 || Values[peak] <= 0)
        {
            return null;
        }

        var ratio = _window[peak] / Math.Max(_baseline[peak], 0.5f);
        return string.Create(CultureInfo.InvariantCulture, $"chat spike z={_z[peak]:0.0}, {ratio:0.0}× its baseline ({_window[peak]:0} chatters in {_width} s)");
    }
}
