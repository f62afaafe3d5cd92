namespace VodManager.Core.Data.Entities;

/// <summary>Per-VOD analysis computed once and shared by detection, refinement, the editor and the cutter.</summary>
public sealed class VodMediaIndex
{
    public int VodId { get; set; }

    /// <summary>Keyframe presentation times in seconds, float64 little-endian.</summary>
    public byte[]? Keyframes { get; set; }

    /// <summary>Loudness per second in LUFS-like dB (momentary), float32 little-endian; index = second.</summary>
    public byte[]? Loudness { get; set; }

    public DateTime ComputedAt { get; set; }
}
