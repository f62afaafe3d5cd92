using VodManager.Core.Cutting;
using VodManager.Core.Refinement;

namespace VodManager.Core.Data.Entities;

/// <summary>A candidate moment: detected, optionally refined and trimmed, optionally cut into a clip.</summary>
public sealed class Highlight
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public int StreamId { get; set; }
    public LiveStream? Stream { get; set; }

    public int Rank { get; set; }
    public double DetectedStart { get; set; }
    public double DetectedEnd { get; set; }
    public double Score { get; set; }
    public SignalBreakdown Signals { get; set; } = new();

    /// <summary>Human-readable reasons behind the score ("chat z=4.2 from 31 chatters; raid of 120").</summary>
    public string? Explanation { get; set; }

    /// <summary>
    /// Detection's confidence, 0..1: the chat model's probability, or how far events, keywords or audio went past their
    /// minimum (none for highlights detected before it was kept). A weak highlight is one no signal was confident about,
    /// returned so a run still gives the number asked for.
    /// </summary>
    public double? DetectionConfidence { get; set; }

    public bool IsWeak { get; set; }

    public double? RefinedStart { get; set; }
    public double? RefinedEnd { get; set; }
    public bool? IsClipable { get; set; }
    public double? Confidence { get; set; }
    public RefinementStatus RefinementStatus { get; set; }
    public string? RefinementReason { get; set; }

    /// <summary>
    /// The editor who marked this moment by hand (a moment detection missed); null for a detected one. Its detected
    /// bounds are the ones the editor marked, and it has no score: nothing detected it.
    /// </summary>
    public string? AddedBy { get; set; }
    public DateTime? AddedAt { get; set; }

    public double? TrimStart { get; set; }
    public double? TrimEnd { get; set; }
    public string? TrimmedBy { get; set; }
    public DateTime? TrimmedAt { get; set; }

    /// <summary>An editor's "Create clip anyway" over an is_clipable = false verdict.</summary>
    public string? ClipOverrideBy { get; set; }
    public DateTime? ClipOverrideAt { get; set; }

    public bool Dismissed { get; set; }
    public ClipStatus ClipStatus { get; set; }
    public string? ClipError { get; set; }
    public int? ClipVodId { get; set; }
    public Vod? ClipVod { get; set; }

    /// <summary>The job that holds the right to cut this highlight (its job id), so two requests never cut it twice.</summary>
    public string? ClipClaimToken { get; set; }

    /// <summary>When the claim lapses on its own (a crashed holder that is never recovered).</summary>
    public DateTime? ClipClaimExpiresAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<RefinementAttempt> RefinementAttempts { get; set; } = [];
    public List<HighlightActivity> Activity { get; set; } = [];

    /// <summary>The bounds a cut uses: the editor's trim, else the refined bounds, else the detected ones.</summary>
    public (double Start, double End) EffectiveBounds => Effective(TrimStart, TrimEnd, RefinedStart, RefinedEnd, DetectedStart, DetectedEnd);

    /// <summary>The editor's trim, else the refined bounds, else the detected ones (also for read models of a highlight).</summary>
    public static (double Start, double End) Effective(double? trimStart, double? trimEnd, double? refinedStart, double? refinedEnd, double detectedStart, double detectedEnd) =>
        trimStart is { } ts && trimEnd is { } te ? (ts, te)
        : refinedStart is { } rs && refinedEnd is { } re ? (rs, re)
        : (detectedStart, detectedEnd);

    /// <summary>A clip, an editor's trim or a moment an editor marked is work a re-detection must not throw away.</summary>
    public bool IsKeptOnRedetect => ClipVodId is not null || TrimStart is not null || AddedBy is not null || ClipStatus is ClipStatus.Queued or ClipStatus.Cutting;
}
