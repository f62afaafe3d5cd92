namespace VodManager.Core.Media;

/// <summary>The "Media" section of appsettings.json.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>Folder holding the ffmpeg and ffprobe binaries; empty means "find them on PATH".</summary>
    public string? FfmpegFolder { get; set; }
}
