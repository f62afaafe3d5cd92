namespace VodManager.Core.Media;

/// <summary>What ffprobe says about a media file.</summary>
public sealed record MediaInfo(
    double DurationSeconds,
    string FormatName,
    string? VideoCodec,
    int? Width,
    int? Height,
    double? FrameRate,
    string? AudioCodec,
    int? AudioSampleRate,
    long? BitRate)
{
    public bool HasVideo => VideoCodec is not null;
    public bool HasAudio => AudioCodec is not null;
}
