using VodManager.Core.Jobs;

namespace VodManager.Core.Refinement;

/// <summary>Refine a stream's highlights: the ones an editor selected, or (no selection) those not refined yet, best-scored first.</summary>
public sealed record RefineRequest : JobRequest
{
    public const string JobKind = "refine";

    /// <summary>The highlights to refine; null for the stream's unrefined ones (the automatic run after detection).</summary>
    public IReadOnlyList<int>? HighlightIds { get; init; }

    /// <summary>A backend for this run only ("mock", "heuristic", "gemini"); null uses the account's.</summary>
    public string? Backend { get; init; }

    public override string Kind => JobKind;

    public override string Describe() =>
        (HighlightIds is null ? "Refine the highlights" : $"Refine {HighlightIds.Count} selected highlight{(HighlightIds.Count == 1 ? "" : "s")}")
        + (Backend is null ? "" : $" with {Backend}");
}
