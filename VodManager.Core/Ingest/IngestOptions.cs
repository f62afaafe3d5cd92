using System.ComponentModel.DataAnnotations;

namespace VodManager.Core.Ingest;

/// <summary>The "Ingest" section of appsettings.json: limits that keep a hostile or broken file from exhausting the machine.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Most bytes a .gz chat may expand to; past it the file is refused as a likely zip bomb.</summary>
    [Range(1024L, long.MaxValue)]
    public long MaxDecompressedBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary>Largest single JSON value (one comment, one string such as embedded emote images) held in memory at once.</summary>
    [Range(1024, 1024 * 1024 * 1024)]
    public int MaxJsonValueBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Deepest JSON nesting accepted; real chat logs need fewer than 10 levels.</summary>
    [Range(8, 256)]
    public int MaxJsonDepth { get; set; } = 64;

    /// <summary>Longest line of a text format (plain chat log, events JSON lines, VTT, SRT).</summary>
    [Range(256, 256 * 1024 * 1024)]
    public int MaxLineBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Rows stored per short write transaction during an import (and deleted per statement when an import's rows are
    /// purged); other writers wait at most about one batch.
    /// </summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 20_000;

    /// <summary>
    /// How long a running import's claim on its not-yet-visible rows lasts without renewal (renewed every batch); a
    /// lapsed one is a dead import's, and the start-up sweep deletes its rows.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan ImportLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far a transcript cue may start before the previous one ends (rolling captions overlap a little).</summary>
    [Range(0, 60)]
    public double TranscriptOverlapToleranceSeconds { get; set; } = 1;

    /// <summary>How far past the source video's end an event or cue may lie before the file is refused.</summary>
    [Range(0, 3600)]
    public double EndToleranceSeconds { get; set; } = 5;

    /// <summary>
    /// How far the start a chat gives its broadcast may lie from the stream's before it is taken for another
    /// broadcast's chat and refused: a broadcast's chat states its start to the second, the same channel's next
    /// broadcast is hours away, and a start typed in the wrong time zone is off by whole hours.
    /// </summary>
    [Range(1, 24 * 60)]
    public double ChatStartToleranceMinutes { get; set; } = 60;

    /// <summary>The last second an event, cue or chat line may lie at in a source of <paramref name="sourceSeconds"/>; null when its length is unknown.</summary>
    public double? EndOf(double? sourceSeconds) => sourceSeconds + EndToleranceSeconds;
}
