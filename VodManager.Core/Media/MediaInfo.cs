namespace VodManager.Core.Media;

/// <summary>What ffprobe says about a media file (the video stream's own duration too: the container's may be longer by the audio's tail).</summary>
public sealed record MediaInfo(
    double DurationSeconds,
    string FormatName,
    string? VideoCodec,
    int? Width,
    int? Height,
    double? FrameRate,
    string? AudioCodec,
    int? AudioSampleRate,
    long? BitRate,
    double? VideoDurationSeconds = null)
{
    public bool HasVideo => VideoCodec is not null;
    public bool HasAudio => AudioCodec is not null;
}
