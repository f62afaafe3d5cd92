using VodManager.Core.Ingest;

namespace VodManager.Core.Detection;

/// <summary>Everything detection looks at for one stream; any part may be missing.</summary>
/// <param name="Chat">Chat reduced to per-second activity, or null without chat.</param>
/// <param name="Loudness">Per-second loudness of the source's audio (LUFS), or null without audio.</param>
/// <param name="KnownDurationSeconds">The source's duration when known; otherwise the last signal sets the end.</param>
public sealed record DetectionInput(
    ChatActivity? Chat,
    IReadOnlyList<EventRecord> Events,
    IReadOnlyList<TranscriptCue> Transcript,
    float[]? Loudness,
    double? KnownDurationSeconds)
{
    /// <summary>The stream's length: the source's when known, else up to the last thing any signal saw.</summary>
    public double DurationSeconds => KnownDurationSeconds is > 0 and var known
        ? known
        : Math.Max(
            Math.Max(Chat?.LastOffset ?? 0, Events.Count == 0 ? 0 : Events.Max(e => e.OffsetSeconds) + EventSignal.SpanSeconds),
            Math.Max(Transcript.Count == 0 ? 0 : Transcript.Max(c => c.EndSeconds), Loudness?.Length ?? 0));
}
