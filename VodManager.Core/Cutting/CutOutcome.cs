namespace VodManager.Core.Cutting;

public enum CutOutcome
{
    /// <summary>A clip was cut and stored now.</summary>
    Cut = 0,

    /// <summary>The highlight already had its clip (a retry, or a second request): nothing was written.</summary>
    AlreadyCut = 1,

    /// <summary>Not cut for a reason the user can act on (quota, "not a clip", another job is on it, cancelled).</summary>
    Skipped = 2,

    /// <summary>The cut was tried and failed (bad bounds, missing or corrupt source, full disk, ffmpeg).</summary>
    Failed = 3,
}
