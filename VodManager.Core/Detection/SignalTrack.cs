namespace VodManager.Core.Detection;

/// <summary>One signal over the stream: a 0..1 value per second, and words for why a stretch scored.</summary>
public abstract class SignalTrack(float[] values)
{
    public float[] Values { get; } = values;

    /// <summary>Seconds chat (or any signal) lags the moment it reacts to; the moment's bounds start this much earlier.</summary>
    public virtual double LeadSeconds => 0;

    /// <summary>How long after a run of values the moment lasts (a chat window reaches this far past its start).</summary>
    public virtual double TailSeconds => 0;

    /// <summary>Why seconds <paramref name="from"/>..<paramref name="to"/> scored, or null when they did not.</summary>
    public abstract string? Describe(int from, int to);

    /// <summary>Index of the highest value in from..to (inclusive), clamped to the track.</summary>
    protected int Peak(int from, int to)
    {
        var best = Math.Clamp(from, 0, Math.Max(0, Values.Length - 1));
        for (var s = Math.Max(0, from); s <= to && s < Values.Length; s++)
        {
            if (Values[s] > Values[best])
            {
                best = s;
            }
        }

        return best;
    }
}
