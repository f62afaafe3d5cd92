using VodManager.Core.Cutting;
using VodManager.Core.Detection;
using VodManager.Core.Ingest;
using VodManager.Core.Media;

namespace VodManager.Core.Refinement;

/// <summary>
/// The context around one highlight, built once per run and shared by its iterations: what was said, what chat wrote,
/// what happened, the per-second signals and loudness, and the window's audio and scene changes (read on demand).
/// Per-second arrays start at second <see cref="FirstSecond"/>.
/// </summary>
public sealed class RefinementWindow
{
    private readonly MutedSound _muted;

    internal RefinementWindow(
        double start,
        double end,
        double sourceDuration,
        IReadOnlyList<TranscriptCue> transcript,
        IReadOnlyList<ChatLine> chat,
        int chatTotal,
        IReadOnlyList<EventRecord> events,
        SignalCurves? curves,
        float[]? loudness,
        MutedSound muted,
        WindowMedia media)
    {
        Start = start;
        End = end;
        SourceDuration = sourceDuration;
        Transcript = transcript;
        Chat = chat;
        ChatTotal = chatTotal;
        Events = events;
        Curves = curves;
        Loudness = loudness;
        _muted = new MutedSound(muted.Within(start, end));
        Media = media;
    }

    public double Start { get; }
    public double End { get; }

    /// <summary>The stream's length; no bound may pass it.</summary>
    public double SourceDuration { get; }

    public IReadOnlyList<TranscriptCue> Transcript { get; }

    /// <summary>Chat in the window, evenly sampled down to Refinement:MaxChatLines.</summary>
    public IReadOnlyList<ChatLine> Chat { get; }

    /// <summary>How many chat lines the window really has (before sampling).</summary>
    public int ChatTotal { get; }

    public IReadOnlyList<EventRecord> Events { get; }

    /// <summary>Detection's per-second signals over the window, or null when the stream has none yet.</summary>
    public SignalCurves? Curves { get; }

    /// <summary>Per-second loudness (LUFS) from the VOD's cached media index, or null when the audio was never measured.</summary>
    public float[]? Loudness { get; }

    /// <summary>The window's stretches whose sound the platform muted: their loudness says nothing (<see cref="LoudnessAt"/>).</summary>
    public IReadOnlyList<ClipBounds> Muted => _muted.Stretches;

    /// <summary>The window's audio and scene changes, read from the source at most once per run.</summary>
    public WindowMedia Media { get; }

    /// <summary>The stream second that index 0 of <see cref="Curves"/> and <see cref="Loudness"/> stands for.</summary>
    public int FirstSecond => (int)Math.Floor(Start);

    /// <summary>The window's muted stretches that overlap <paramref name="start"/>–<paramref name="end"/>.</summary>
    public IReadOnlyList<ClipBounds> MutedIn(double start, double end) => _muted.Within(start, end);

    /// <summary>Loudness of stream second <paramref name="second"/>, or null outside the window, without audio, or where the sound was muted.</summary>
    /// <remarks>Indexes cached before silence was floored hold NaN for digital silence; it reads as the floor here.</remarks>
    public float? LoudnessAt(int second) =>
        Loudness is { } l && second - FirstSecond is var i && i >= 0 && i < l.Length && !_muted.Covers(second) ? (float.IsFinite(l[i]) ? l[i] : LoudnessAnalyzer.Silence) : null;

    /// <summary>
    /// The strongest signal at stream second <paramref name="second"/> (0 outside the window): chat as the model
    /// judged it there (above its usual), confident or not, events, keywords, audio.
    /// </summary>
    public float SignalAt(int second)
    {
        if (Curves is not { } c || second - FirstSecond is not (>= 0 and var i) || i >= c.Seconds)
        {
            return 0;
        }

        return Math.Max(Math.Max(Math.Max(c.Chat[i], c.ChatLift[i]), c.Events[i]), Math.Max(c.Transcript[i], c.Audio[i]));
    }
}
