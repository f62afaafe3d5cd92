namespace VodManager.Core.Cutting;

public enum ClipStatus
{
    None = 0,
    Queued = 1,
    Cutting = 2,
    Done = 3,

    /// <summary>Not cut for a reason the user can act on (quota, not clipable); see ClipError.</summary>
    Skipped = 4,
    Failed = 5,
}
