namespace VodManager.Core.Media;

/// <summary>
/// What ffprobe says about a media file (the video stream's own duration too: the container's may be longer by the
/// audio's tail). <see cref="Width"/> and <see cref="Height"/> are the picture as a player shows it, after
/// <see cref="Rotation"/>: what ffmpeg's filters see too, since it turns the frames upright as it decodes them.
/// </summary>
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
    /// <summary>
    /// A recording that was never finished (OBS stopped by a crash): the container has no duration, so
    /// <see cref="DurationSeconds"/> was measured from its last video packet, and it needs rewriting before it seeks.
    /// </summary>
    public bool Unfinished { get; init; }

    /// <summary>
    /// When the first frame is due by the container's clock: 0 for a recording, later for a file remuxed from a longer
    /// one with its timestamps kept (<see cref="Ingest.Video.ContainerRewrap"/> rewrites such a source from zero).
    /// </summary>
    public double StartSeconds { get; init; }

    /// <summary>
    /// The turn a player gives the stored frames (the video's display matrix, in degrees, 0, 90, 180 or 270): a phone
    /// records a portrait video as landscape frames turned by 90. A stream copy keeps it; a re-encode turns the frames
    /// themselves and needs none.
    /// </summary>
    public int Rotation { get; init; }

    /// <summary>Whether ffprobe names the container <paramref name="name"/>: it lists a demuxer's aliases ("mov,mp4,m4a,3gp,3g2,mj2").</summary>
    public bool IsFormat(string name) => FormatName.Split(',').Contains(name);

    public bool HasVideo => VideoCodec is not null;
    public bool HasAudio => AudioCodec is not null;
}
