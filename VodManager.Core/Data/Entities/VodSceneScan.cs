namespace VodManager.Core.Data.Entities;

/// <summary>Scene changes ffmpeg found in one stretch of a VOD, kept so a re-run never decodes that video again.</summary>
public sealed class VodSceneScan
{
    public long Id { get; set; }
    public int VodId { get; set; }
    public double FromSeconds { get; set; }
    public double ToSeconds { get; set; }

    /// <summary>The scene score a change had to exceed (ffmpeg's scene filter, 0..1).</summary>
    public double Threshold { get; set; }

    /// <summary>(time in seconds, score) pairs, float64 little-endian.</summary>
    public byte[] Changes { get; set; } = [];

    public DateTime ScannedAt { get; set; }
}
