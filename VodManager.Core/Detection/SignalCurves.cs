namespace VodManager.Core.Detection;

/// <summary>
/// The per-second signals of a stream, as detection sees them: what the editor's minimap draws and what refinement
/// backends read around a highlight. Index = second from stream start; every array has <see cref="Seconds"/> entries.
/// </summary>
/// <param name="ChatMessages">Raw chat lines per second (the heat strip).</param>
/// <param name="Chat">The chat model's confident peaks (0..1), drawn over the chat burst that made them (the moment starts the chat lag earlier).</param>
/// <param name="Events">Event cluster strength 0..1.</param>
/// <param name="Transcript">Keyword density 0..1.</param>
/// <param name="Audio">Loudness above the surroundings 0..1 (all zero when the audio has not been measured).</param>
/// <param name="ChatLift">
/// How far the chat model's probability that a moment starts at each second rises above its median over the stream
/// (0..1), confident or not: what a weak candidate was ranked by, so refinement sees the chat of a moment detection
/// offered as weak (<paramref name="Chat"/> draws only confident peaks, for the minimap), and not the probability every
/// quiet second of a busy chat has.
/// </param>
public sealed record SignalCurves(int Seconds, float[] ChatMessages, float[] Chat, float[] Events, float[] Transcript, float[] Audio, float[] ChatLift)
{
    /// <summary>The signals' values over seconds <paramref name="from"/>..<paramref name="to"/> (for a refinement window).</summary>
    public SignalCurves Slice(int from, int to)
    {
        from = Math.Clamp(from, 0, Seconds);
        to = Math.Clamp(to, from, Seconds);
        return new SignalCurves(to - from, ChatMessages[from..to], Chat[from..to], Events[from..to], Transcript[from..to], Audio[from..to], ChatLift[from..to]);
    }
}
