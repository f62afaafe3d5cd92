namespace VodManager.Core.Streams;

/// <summary>One row of the streams list.</summary>
/// <param name="DetectedWithDecisions">Decisions of the channel model that last detected it; null: the default model.</param>
/// <param name="ChatImportedAt">When its chat was last imported or moved (null: no chat): what was read of it is stale after another.</param>
/// <param name="ChatMoves">How editors moved its chat against the video, as stored (<see cref="Ingest.ChatMoves"/>).</param>
/// <param name="StartAssumed">Nobody gave its start: <paramref name="StartedAt"/> is when it was made (<see cref="Data.Entities.LiveStream.StartAssumed"/>).</param>
public sealed record StreamSummary(
    int Id,
    string Title,
    string Channel,
    DateTime StartedAt,
    double? DurationSeconds,
    int? SourceVodId,
    DateTime? ChatImportedAt,
    bool EventsImported,
    bool TranscriptImported,
    DateTime? DetectedAt,
    int HighlightCount,
    int ClipCount,
    int? DetectedWithDecisions = null,
    DateTime? DetectedWithModelAt = null,
    bool StartAssumed = false,
    string? ChatMoves = null)
{
    public bool ChatImported => ChatImportedAt is not null;

    /// <summary>Where the stream is in the pipeline, in the editor's words.</summary>
    public string Status =>
        ClipCount > 0 ? "clipped"
        : DetectedAt is not null ? "detected"
        : ChatImported || EventsImported ? "imported"
        : SourceVodId is not null ? "source stored"
        : "new";
}
