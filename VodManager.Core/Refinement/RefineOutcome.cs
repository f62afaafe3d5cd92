namespace VodManager.Core.Refinement;

public enum RefineOutcome
{
    /// <summary>Refined and judged worth a clip.</summary>
    Refined,

    /// <summary>Refined and judged not a clip.</summary>
    NotClipable,

    Failed,

    /// <summary>Not refined: a per-run or per-day cap was reached.</summary>
    Skipped,

    /// <summary>Not refined because it cannot be right now (it has a clip or a cut in flight, or re-detection removed it).</summary>
    NotEligible,
}
