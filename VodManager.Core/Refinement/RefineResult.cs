namespace VodManager.Core.Refinement;

/// <summary>What one highlight's refinement came to; <paramref name="Start"/>/<paramref name="End"/> are the refined bounds when there are any.</summary>
public sealed record RefineResult(int HighlightId, RefineOutcome Outcome, string? Reason, double? Start = null, double? End = null, double? Confidence = null, int Iterations = 0);
