namespace VodManager.Core.Refinement;

public enum RefinementStatus
{
    NotRefined = 0,
    Queued = 1,
    Running = 2,
    Refined = 3,
    Failed = 4,

    /// <summary>Not refined because a per-run or per-day cap was reached, or the backend needs the video the stream lacks; the reason says which.</summary>
    Skipped = 5,
}
