namespace VodManager.Core.Data.Entities;

/// <summary>One broadcast. Named LiveStream so it never collides with <see cref="System.IO.Stream"/>.</summary>
public sealed class LiveStream
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public Account? Account { get; set; }

    public required string Channel { get; set; }
    public required string Title { get; set; }
    public DateTime StartedAt { get; set; }

    /// <summary>
    /// Nobody said when the broadcast began (the stream was made without a start, so <see cref="StartedAt"/> is when it
    /// was made): the first chat or events file that says it sets the start.
    /// </summary>
    public bool StartAssumed { get; set; }

    /// <summary>Known length of the broadcast in seconds (from the source VOD, else from the last chat line).</summary>
    public double? DurationSeconds { get; set; }

    public DateTime? ChatImportedAt { get; set; }

    /// <summary>How editors moved the current chat against the video (<see cref="Ingest.ChatMoves"/>), or null.</summary>
    public string? ChatMoves { get; set; }
    public DateTime? EventsImportedAt { get; set; }
    public DateTime? TranscriptImportedAt { get; set; }
    public DateTime? DetectedAt { get; set; }

    /// <summary>
    /// When a finished import last started detection: claimed by one conditional update, so two imports that end
    /// together (a new stream's chat and events) start one detection, which waits for the other.
    /// </summary>
    public DateTime? DetectionRequestedAt { get; set; }

    /// <summary>The decisions the channel's model that last detected this stream was tuned on; null: the default model.</summary>
    public int? DetectedWithDecisions { get; set; }

    /// <summary>When that channel model was fitted.</summary>
    public DateTime? DetectedWithModelAt { get; set; }

    /// <summary>The <see cref="DataImport"/> whose chat rows are visible (0: rows stored before imports had ids).</summary>
    public long ChatImportId { get; set; }
    public long EventsImportId { get; set; }
    public long TranscriptImportId { get; set; }
    public DateTime CreatedAt { get; set; }

    public List<Vod> Vods { get; set; } = [];
    public List<Highlight> Highlights { get; set; } = [];
}
