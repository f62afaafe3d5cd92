using System.ComponentModel.DataAnnotations;
using VodManager.Core.Media;

namespace VodManager.Core.Export;

/// <summary>
/// Export:BrowserCopy: how the editor's copy of a source no browser can play is encoded. Small and quick to seek: it is
/// only watched while trimming; cuts and exports always read the source.
/// </summary>
public sealed class BrowserCopyOptions
{
    /// <summary>Picture height in pixels; a smaller source keeps its own.</summary>
    [Range(144, 1080)]
    public int Height { get; set; } = 540;

    /// <summary>x264 constant quality (higher: smaller and softer).</summary>
    [Range(18, 40)]
    public int Crf { get; set; } = 28;

    [Required]
    [RegularExpression(X264.PresetPattern)]
    public string Preset { get; set; } = "veryfast";

    /// <summary>The video's peak rate in kbit/s (VBV): bounds the copy's size, so its quota reservation is exact enough.</summary>
    [Range(200, 8000)]
    public int MaxVideoKbps { get; set; } = 1500;

    /// <summary>AAC audio bitrate in kbit/s.</summary>
    [Range(32, 320)]
    public int AudioKbps { get; set; } = 96;

    /// <summary>A faster source is copied at this rate: trimming needs no more, and a 60 fps source copies about a quarter faster.</summary>
    [Range(10, 120)]
    public int MaxFrameRate { get; set; } = 30;

    /// <summary>A keyframe at least this often, so a click on the timeline shows its frame at once.</summary>
    [Range(0.5, 10)]
    public double KeyframeSeconds { get; set; } = 1;

    /// <summary>Bytes to reserve for a copy of this length: the peak rates over all of it.</summary>
    public long EstimateBytes(double seconds) => (long)((MaxVideoKbps + AudioKbps) * 1000 / 8.0 * Math.Max(1, seconds) * 1.05) + (1 << 20);

    public override string ToString() => $"H.264 up to {Height}p, CRF {Crf}, ≤ {MaxVideoKbps} kbit/s ({Preset}), AAC {AudioKbps} kbit/s";
}
