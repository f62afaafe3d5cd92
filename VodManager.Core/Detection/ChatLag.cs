namespace VodManager.Core.Detection;

/// <summary>
/// How many seconds a stream's chat reacts after its moments: the delay at which the stream's distinct chatters best
/// follow its other signals (events, keywords said out loud, loud audio), tried from 0 to
/// <see cref="ChatOptions.MaxLagSeconds"/>. Streams differ (broadcast latency, how fast a chat types); without other
/// signals to line chat up with, the model's trained delay stands.
/// </summary>
public static class ChatLag
{
    /// <summary>Moments other signals must show before a lag is read from them.</summary>
    private const int MinMoments = 3;

    /// <param name="chatters">Distinct chatters per second.</param>
    /// <param name="reference">Per-second sum of the other signals' values.</param>
    /// <returns>The lag and whether it was measured (false: <paramref name="fallback"/>).</returns>
    public static (int Seconds, bool Measured) Estimate(ReadOnlySpan<float> chatters, ReadOnlySpan<float> reference, int window, int maxLag, int fallback)
    {
        if (Runs(reference) < MinMoments || chatters.Length == 0)
        {
            return (fallback, false);
        }

        var prefix = new double[chatters.Length + 1];
        for (var i = 0; i < chatters.Length; i++)
        {
            prefix[i + 1] = prefix[i] + chatters[i];
        }

        var mean = prefix[^1] / chatters.Length * window;
        var (best, bestScore) = (fallback, double.MinValue);
        for (var lag = 0; lag <= maxLag; lag++)
        {
            var score = 0.0;
            for (var s = 0; s < reference.Length; s++)
            {
                if (reference[s] > 0)
                {
                    var from = Math.Min(s + lag, chatters.Length);
                    var to = Math.Min(s + lag + window, chatters.Length);
                    score += reference[s] * (prefix[to] - prefix[from] - mean);
                }
            }

            if (score > bestScore + 1e-9)
            {
                (best, bestScore) = (lag, score);
            }
        }

        return bestScore > 0 ? (best, true) : (fallback, false);
    }

    private static int Runs(ReadOnlySpan<float> values)
    {
        var runs = 0;
        for (var s = 0; s < values.Length; s++)
        {
            runs += values[s] > 0 && (s == 0 || values[s - 1] <= 0) ? 1 : 0;
        }

        return runs;
    }
}
