namespace VodManager.Core.Refinement;

/// <summary>One refinement run: the backend used and each highlight's result (best-scored first).</summary>
public sealed record RefineRunResult(string Backend, IReadOnlyList<RefineResult> Results)
{
    /// <summary>"3 refined, 1 not a clip, 1 skipped".</summary>
    public string Summary => Results.Count == 0
        ? "nothing to refine"
        : string.Join(", ", Results.GroupBy(r => r.Outcome).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Word(g.Key)}"));

    private static string Word(RefineOutcome outcome) => outcome switch
    {
        RefineOutcome.NotClipable => "not a clip",
        RefineOutcome.NotEligible => "not eligible",
        _ => outcome.ToString().ToLowerInvariant(),
    };
}
