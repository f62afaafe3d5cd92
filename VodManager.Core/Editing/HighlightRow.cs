using VodManager.Core.Cutting;
using VodManager.Core.Data.Entities;
using VodManager.Core.Refinement;

namespace VodManager.Core.Editing;

/// <summary>
/// One highlight as the stream page shows it (table, replay view, minimap, overview): what it scored, where it stands in
/// refinement and cutting, its refinement history and who changed it.
/// </summary>
/// <remarks>
/// A row is the same row when its highlight's id is: the table keys its rows and keeps its selection and expanded rows
/// by item, so a reload's fresh instance of a changed row keeps the row's components (a click on one of its actions
/// during the redraw still lands) and its selection.
/// </remarks>
public sealed record HighlightRow
{
    public int Id { get; init; }
    public int Rank { get; init; }
    public double DetectedStart { get; init; }
    public double DetectedEnd { get; init; }
    public double Score { get; init; }
    public HighlightSignals Signals { get; init; }

    /// <summary>Human-readable reasons behind the score.</summary>
    public string? Explanation { get; init; }

    /// <summary>Detection's confidence, 0..1 (<see cref="Data.Entities.Highlight.DetectionConfidence"/>).</summary>
    public double? DetectionConfidence { get; init; }

    /// <summary>No signal was confident: one of the chat model's next-best peaks, kept so the run gives the number asked for.</summary>
    public bool IsWeak { get; init; }

    public double? RefinedStart { get; init; }
    public double? RefinedEnd { get; init; }
    public bool? IsClipable { get; init; }
    public double? Confidence { get; init; }
    public RefinementStatus RefinementStatus { get; init; }
    public string? RefinementReason { get; init; }

    /// <summary>The editor who marked the moment by hand; null for a detected one.</summary>
    public string? AddedBy { get; init; }
    public DateTime? AddedAt { get; init; }

    public double? TrimStart { get; init; }
    public double? TrimEnd { get; init; }
    public string? TrimmedBy { get; init; }
    public DateTime? TrimmedAt { get; init; }

    public string? ClipOverrideBy { get; init; }
    public DateTime? ClipOverrideAt { get; init; }

    public bool Dismissed { get; init; }
    public ClipStatus ClipStatus { get; init; }
    public string? ClipError { get; init; }
    public int? ClipVodId { get; init; }
    public string? ClipTitle { get; init; }
    public long? ClipSizeBytes { get; init; }

    /// <summary>What the clip really holds (a copy cut starts on the keyframe before the asked start).</summary>
    public double? ClipStart { get; init; }
    public double? ClipEnd { get; init; }
    public DateTime? ClipCutAt { get; init; }

    /// <summary>
    /// The bounds changed after the clip was cut (trimmed since, or now reaching past what it holds): the clip is not
    /// what the row's bounds say, and a highlight keeps one clip, so cutting the new bounds means deleting it first.
    /// </summary>
    public bool ClipPredatesBounds => ClipStatus == ClipStatus.Done && ClipStart is { } from && ClipEnd is { } to
        && (TrimmedAt > ClipCutAt || EffectiveBounds.Start < from - ClipEdgeSlackSeconds || EffectiveBounds.End > to + ClipEdgeSlackSeconds);

    /// <summary>A stream copy ends on the packet at the asked end, a frame or so either side.</summary>
    private const double ClipEdgeSlackSeconds = 0.5;

    /// <summary>Every refinement iteration, oldest first.</summary>
    public IReadOnlyList<RefinementAttemptRow> RefinementAttempts { get; init; } = [];

    /// <summary>Who changed the highlight, oldest first.</summary>
    public IReadOnlyList<HighlightActivityRow> Activity { get; init; } = [];

    /// <summary>The bounds a cut uses: the editor's trim, else the refined bounds, else the detected ones.</summary>
    public (double Start, double End) EffectiveBounds =>
        Highlight.Effective(TrimStart, TrimEnd, RefinedStart, RefinedEnd, DetectedStart, DetectedEnd);

    public bool Equals(HighlightRow? other) => other is not null && other.Id == Id;

    public override int GetHashCode() => Id;
}
