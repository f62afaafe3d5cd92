using VodManager.Core.Library;

namespace VodManager.Core.Data.Entities;

/// <summary>A stored video: the stream's archive (the source) or a clip cut from it.</summary>
public sealed class Vod
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public int? StreamId { get; set; }
    public LiveStream? Stream { get; set; }

    public VodType Type { get; set; }

    /// <summary>Only for <see cref="VodType.Highlight"/>: where the clip came from.</summary>
    public VodProvenance? Provenance { get; set; }

    /// <summary>Unique per account; a clip's is <c>highlight-{highlightId}</c> so a retry can never make a second one.</summary>
    public required string ExternalId { get; set; }

    /// <summary>The longest title the column holds; a longer one is cut to it where every VOD row is written (<c>QuotaService</c>).</summary>
    public const int MaxTitleLength = 300;

    public required string Title { get; set; }
    public required string StorageKey { get; set; }

    /// <summary>Bytes charged to the account's ledger: the reservation while pending, the real size once stored.</summary>
    public long SizeBytes { get; set; }
    public double? DurationSeconds { get; set; }
    public string? VideoCodec { get; set; }
    public string? AudioCodec { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public string? ContentHash { get; set; }

    /// <summary>For a source: the stretches whose sound the platform muted (<see cref="Media.MutedSound"/>), or null.</summary>
    public string? MutedStretches { get; set; }

    /// <summary>For a source: where its broadcast reconnected (<see cref="Media.Reconnects"/>), or null.</summary>
    public string? Reconnects { get; set; }

    public VodStatus Status { get; set; }

    /// <summary>For a clip: the highlight it was cut from.</summary>
    public int? HighlightId { get; set; }

    /// <summary>For a clip: where the output really starts in the source (stream copy starts at a keyframe).</summary>
    public double? SourceStartSeconds { get; set; }
    public double? SourceEndSeconds { get; set; }

    /// <summary>For a clip: how it was really cut (a smart cut that failed its check is redone, and recorded, as precise).</summary>
    public Cutting.CutMode? CutMode { get; set; }

    /// <summary>For an export: the clip it was rendered from, so the chain export → clip → highlight → source stays visible.</summary>
    public int? SourceVodId { get; set; }

    /// <summary>For an export: the encoder profile it was rendered with (Export:Profiles).</summary>
    public string? ExportProfile { get; set; }

    /// <summary>For an export: how 16:9 became 9:16 ("center", "x=0.30", "blur").</summary>
    public string? ExportFraming { get; set; }

    /// <summary>For an export: whether the chat overlay was asked for.</summary>
    public bool? ExportChat { get; set; }

    /// <summary>For an export: whether transcript captions were burned in (false when the stream has no transcript for the clip).</summary>
    public bool? ExportCaptions { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? StoredAt { get; set; }

    /// <summary>Soft delete: the row keeps its external id so a retry reuses it; its bytes are no longer charged.</summary>
    public DateTime? DeletedAt { get; set; }
}
