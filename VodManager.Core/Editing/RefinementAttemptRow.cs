namespace VodManager.Core.Editing;

/// <summary>One refinement iteration as the highlight's history shows it: what it proposed, its verdict and why.</summary>
public sealed record RefinementAttemptRow(
    int Run,
    int Iteration,
    string Backend,
    double? ProposedStart,
    double? ProposedEnd,
    bool? IsClipable,
    double? Confidence,
    string? Reason,
    string? Error,
    int DurationMs);
