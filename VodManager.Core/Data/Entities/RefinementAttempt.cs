namespace VodManager.Core.Data.Entities;

/// <summary>One iteration of one refinement run; history is append-only.</summary>
public sealed class RefinementAttempt
{
    public long Id { get; set; }
    public int HighlightId { get; set; }

    /// <summary>Which refinement run of this highlight (1, 2, ...); iterations number within a run.</summary>
    public int Run { get; set; }
    public int Iteration { get; set; }
    public required string Backend { get; set; }
    public string? InputSummary { get; set; }
    public string? RawResponse { get; set; }
    public double? ProposedStart { get; set; }
    public double? ProposedEnd { get; set; }
    public bool? IsClipable { get; set; }
    public double? Confidence { get; set; }
    public string? Reason { get; set; }
    public int DurationMs { get; set; }
    public string? Error { get; set; }
    public DateTime CreatedAt { get; set; }
}
