using System.ComponentModel.DataAnnotations;
using VodManager.Core.Media;

namespace VodManager.Core.Export;

/// <summary>One named encoder profile under Export:Profiles: the output's size and how it is encoded.</summary>
public sealed class ExportProfile
{
    /// <summary>Output width in pixels (even: H.264 in 4:2:0 needs it).</summary>
    [Range(144, 4096)]
    public int Width { get; set; }

    /// <summary>Output height in pixels (even).</summary>
    [Range(144, 4096)]
    public int Height { get; set; }

    /// <summary>The ffmpeg video encoder; platforms take H.264 everywhere, so that is what we offer.</summary>
    [Required]
    [RegularExpression("^libx264$", ErrorMessage = "VideoCodec must be libx264 (H.264), the codec every short-video platform takes.")]
    public string VideoCodec { get; set; } = "libx264";

    /// <summary>x264 preset: slower presets give a better picture at the same bitrate and take longer.</summary>
    [Required]
    [RegularExpression(X264.PresetPattern)]
    public string Preset { get; set; } = "veryfast";

    /// <summary>Average video bitrate in kbit/s; peaks may reach 1.5× this (VBV), which platforms' ingest accepts.</summary>
    [Range(200, 50_000)]
    public int VideoBitrateKbps { get; set; } = 6000;

    /// <summary>AAC audio bitrate in kbit/s.</summary>
    [Range(32, 512)]
    public int AudioBitrateKbps { get; set; } = 128;

    /// <summary>Output frame rate; null keeps the clip's own.</summary>
    [Range(10, 120)]
    public int? FrameRate { get; set; }

    public override string ToString() => $"{Width}x{Height} H.264 {VideoBitrateKbps} kbit/s ({Preset}), AAC {AudioBitrateKbps} kbit/s";
}
