namespace VodManager.Core.Cutting;

/// <summary>How a clip is cut from its source.</summary>
public enum CutMode
{
    /// <summary>Stream copy from the keyframe at or before the start: fast, no quality loss, may start up to one GOP early.</summary>
    Copy = 0,

    /// <summary>Full re-encode: frame-accurate, slow; for short clips.</summary>
    Precise = 1,

    /// <summary>Re-encode only the partial GOPs at both edges and stream-copy the middle; verified, else redone as precise.</summary>
    Smart = 2,
}
