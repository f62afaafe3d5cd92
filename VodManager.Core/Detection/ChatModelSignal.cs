using System.Globalization;

namespace VodManager.Core.Detection;

/// <summary>
/// Chat through the <see cref="ChatModel"/>: the probability, per second, that a highlight starting there is right,
/// read from the chat reacting after it (the per-stream lag applied, so the value sits where the moment starts).
/// The track's values are its peaks (the best second within half a window either way) at or above
/// <see cref="ChatOptions.StrongProbability"/> where chat is also <see cref="ChatOptions.MinLevelRatio"/> × its usual
/// level (a quiet stretch's odd window is no highlight); every second's probability stays available to rank weak
/// candidates.
/// </summary>
public sealed class ChatModelSignal : SignalTrack
{
    private readonly ChatFeatures? _features;
    private readonly ChatModel _model;
    private readonly int _lag;
    private readonly bool _lagMeasured;
    private readonly ChatOptions _options;

    private ChatModelSignal(float[] values, float[] probability, ChatFeatures? features, ChatModel model, int lag, bool lagMeasured, ChatOptions options)
        : base(values)
    {
        (Probability, _features, _model, _lag, _lagMeasured, _options) = (probability, features, model, lag, lagMeasured, options);
    }

    /// <summary>Seconds this stream's chat lags its moments (measured, or the model's delay).</summary>
    public int Lag => _lag;

    /// <summary>Every second's probability (0 without chat).</summary>
    public float[] Probability { get; }

    /// <summary>The chat that made a moment lasts past its start by the lag and the model's window.</summary>
    public override double TailSeconds => _lag + _model.WindowSeconds;

    /// <param name="reference">Per-second sum of the other signals, to line chat up with (the lag estimate).</param>
    /// <param name="events">The events' offsets: a notice read from chat (a sub, a cheer) is a line at its event's very
    /// second, the event itself rather than a reaction to it, so the lag estimate leaves those seconds' chatters out.</param>
    public static ChatModelSignal Compute(ChatActivity? chat, int seconds, ChatModel model, ReadOnlySpan<float> reference, IEnumerable<double> events, ChatOptions options)
    {
        var values = new float[seconds];
        var probability = new float[seconds];
        if (chat is null || chat.Seconds == 0)
        {
            return new ChatModelSignal(values, probability, null, model, model.DelaySeconds, false, options);
        }

        var reacting = chat.Chatters.ToArray();
        foreach (var offset in events)
        {
            if (offset >= 0 && offset < reacting.Length)
            {
                reacting[(int)offset] = 0;
            }
        }

        var (lag, measured) = ChatLag.Estimate(reacting, reference, model.WindowSeconds, (int)options.MaxLagSeconds, model.DelaySeconds);
        var features = ChatFeatures.Compute(chat, seconds, model.WindowSeconds, lag, options);
        for (var s = 0; s < seconds; s++)
        {
            probability[s] = (float)ChatModel.Sigmoid(model.LogOdds(features, s));
        }

        var radius = Math.Max(1, model.WindowSeconds / 2);
        var minLevel = Math.Log(options.MinLevelRatio);
        for (var s = 0; s < seconds; s++)
        {
            if (probability[s] >= options.StrongProbability && features[0, s] >= minLevel && IsPeak(probability, s, radius))
            {
                values[s] = probability[s];
            }
        }

        return new ChatModelSignal(values, probability, features, model, lag, measured, options) { _chatters = chat.Chatters.ToArray() };
    }

    private float[] _chatters = [];

    /// <summary>
    /// How sure a weak candidate at <paramref name="second"/> is: its probability, held below the confident ones'
    /// floor and scaled down by how far its chatters fall short of the level a confident one needs (a quiet stretch
    /// where two people talk reads as "rising" to the model, and would otherwise show as 0.9).
    /// </summary>
    public double WeakConfidence(int second)
    {
        if (_features is null)
        {
            return 0;
        }

        var level = Math.Exp(_features[0, second]) / _options.MinLevelRatio;
        return Math.Min(Probability[second], _options.StrongProbability) * Math.Min(1, level);
    }

    /// <summary>
    /// Where chat reacts to the peak at <paramref name="peak"/>: a window's probability is flat wherever a burst lies
    /// inside it, so this is the first voice of the first few seconds of its window whose chat reaches half its
    /// busiest few (for drawing the chat curve over the burst; ranking keeps the peak, which did better on the training streams).
    /// </summary>
    public int Reaction(int peak) => _chatters.Length == 0 ? peak + _lag : Onset(_chatters, peak, _lag, _model.WindowSeconds) + _lag;

    private static int Onset(ReadOnlySpan<float> chatters, int peak, int lag, int window)
    {
        const int Few = 5;
        var from = peak + lag;
        var to = Math.Min(chatters.Length - Few, from + window - Few);
        if (from < 0 || to <= from)
        {
            return peak;
        }

        var busiest = 0f;
        for (var t = from; t <= to; t++)
        {
            busiest = Math.Max(busiest, Sum(chatters, t, Few));
        }

        for (var t = from; t <= to; t++)
        {
            if (Sum(chatters, t, Few) >= busiest / 2)
            {
                // The few seconds ahead may start quiet: the burst starts at its first voice.
                while (chatters[t] <= 0)
                {
                    t++;
                }

                return Math.Max(0, t - lag);
            }
        }

        return peak;
    }

    private static float Sum(ReadOnlySpan<float> values, int from, int count)
    {
        var sum = 0f;
        for (var i = from; i < from + count; i++)
        {
            sum += values[i];
        }

        return sum;
    }

    /// <summary>Highest within ± radius; ties go to the earliest second, so a plateau yields one peak.</summary>
    public static bool IsPeak(float[] series, int s, int radius)
    {
        for (var t = Math.Max(0, s - radius); t <= Math.Min(series.Length - 1, s + radius); t++)
        {
            if (series[t] > series[s] || (series[t] == series[s] && t < s))
            {
                return false;
            }
        }

        return true;
    }

    public override string? Describe(int from, int to)
    {
        if (_features is null || Probability.Length == 0)
        {
            return null;
        }

        var peak = from;
        for (var s = Math.Max(0, from); s <= to && s < Probability.Length; s++)
        {
            peak = Probability[s] > Probability[peak] ? s : peak;
        }

        peak = Math.Clamp(peak, 0, Probability.Length - 1);
        var why = _model.Explain(_features, peak);
        var lag = _lagMeasured ? $"chat lag {_lag} s measured" : $"chat lag {_lag} s";
        return string.Create(CultureInfo.InvariantCulture, $"chat model p={Probability[peak]:0.00}{(why.Length > 0 ? ": " + why : "")} ({lag})");
    }
}
