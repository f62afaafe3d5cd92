namespace VodManager.Core.Detection;

/// <summary>
/// How many seconds a stream's chat reacts after its moments: the delay at which the stream's distinct chatters best
/// follow its other signals (events, keywords said out loud, loud audio), tried from 0 to
/// <see cref="ChatOptions.MaxLagSeconds"/>. Streams differ (broadcast latency, how fast a chat types); without other
/// signals to line chat up with, or when the moments do not clearly agree on another delay (one loud moment, a sparse
/// chat's noise), the model's trained delay stands.
/// </summary>
public static class ChatLag
{
    /// <summary>Moments other signals must show before a lag is read from them.</summary>
    private const int MinMoments = 3;

    /// <summary>A lag this close to the trained delay needs no proof: the two read nearly the same chat.</summary>
    private const int Steadiness = 2;

    /// <summary>How clearly a lag away from the trained delay must beat it: moment by moment (a paired t), and against chance (z).</summary>
    private const double MinT = 2;

    /// <param name="chatters">Distinct chatters per second.</param>
    /// <param name="reference">Per-second sum of the other signals' values.</param>
    /// <returns>The lag and whether it was measured (false: <paramref name="fallback"/>).</returns>
    public static (int Seconds, bool Measured) Estimate(ReadOnlySpan<float> chatters, ReadOnlySpan<float> reference, int window, int maxLag, int fallback)
    {
        var moments = Moments(reference);
        if (moments.Count < MinMoments || chatters.Length == 0)
        {
            return (fallback, false);
        }

        var prefix = new double[chatters.Length + 1];
        for (var i = 0; i < chatters.Length; i++)
        {
            prefix[i + 1] = prefix[i] + chatters[i];
        }

        // Each moment's say at each lag (the trained delay too): its signal × the chatters above the usual in the
        // window that lag after it.
        var usual = prefix[^1] / chatters.Length * window;
        var lags = Math.Max(maxLag, fallback) + 1;
        var say = new double[moments.Count, lags];
        var total = new double[lags];
        for (var m = 0; m < moments.Count; m++)
        {
            for (var lag = 0; lag < lags; lag++)
            {
                for (var s = moments[m].From; s < moments[m].To; s++)
                {
                    var from = Math.Min(s + lag, chatters.Length);
                    var to = Math.Min(s + lag + window, chatters.Length);
                    say[m, lag] += reference[s] * (prefix[to] - prefix[from] - usual);
                }

                total[lag] += say[m, lag];
            }
        }

        var best = 0;
        for (var lag = 1; lag <= maxLag; lag++)
        {
            best = total[lag] > total[best] + 1e-9 ? lag : best;
        }

        if (total[best] <= 0)
        {
            return (fallback, false);
        }

        // A lag far from the trained delay must be borne out moment by moment (not carried by one loud moment, a big
        // raid whose raiders all type at once: a paired t over the moments) and stand above the chance wobble of the
        // chat's counts (a sparse chat of one chatter a window lines up with anything somewhere).
        if (Math.Abs(best - fallback) > Steadiness)
        {
            var gains = Enumerable.Range(0, moments.Count).Select(m => say[m, best] - say[m, fallback]).ToList();
            var mean = gains.Average();
            var spread = Math.Sqrt(gains.Sum(g => (g - mean) * (g - mean)) / (gains.Count - 1));
            var weights = new double[moments.Count];
            for (var m = 0; m < moments.Count; m++)
            {
                weights[m] = Sum(reference[moments[m].From..moments[m].To]);
            }

            // The two windows of a moment differ by |best − fallback| seconds of chat on each side; counts of chatters
            // wobble about as much as they are large (Poisson), so their difference by the square root of twice that.
            var wobble = Math.Sqrt(weights.Sum(w => w * w) * 2 * Math.Min(Math.Abs(best - fallback), window) * prefix[^1] / chatters.Length);
            if (!(mean > MinT * spread / Math.Sqrt(gains.Count)) || !(gains.Sum() > MinT * wobble))
            {
                return (fallback, false);
            }
        }

        return (best, true);
    }

    private static double Sum(ReadOnlySpan<float> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum;
    }

    /// <summary>The runs of seconds where the other signals show something, as [From, To).</summary>
    private static List<(int From, int To)> Moments(ReadOnlySpan<float> values)
    {
        var moments = new List<(int, int)>();
        for (var s = 0; s < values.Length; s++)
        {
            if (values[s] > 0 && (s == 0 || values[s - 1] <= 0))
            {
                var end = s;
                while (end < values.Length && values[end] > 0)
                {
                    end++;
                }

                moments.Add((s, end));
            }
        }

        return moments;
    }
}
