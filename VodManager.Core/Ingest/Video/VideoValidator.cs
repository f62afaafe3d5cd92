using System.Globalization;
using VodManager.Core.Media;

namespace VodManager.Core.Ingest.Video;

/// <summary>
/// Decides, before a VOD becomes visible, that a file really is a complete video: ffprobe opens it as a video
/// container (nothing else may be opened), it has a video stream and a duration, and its video data reaches the end
/// the header claims, which catches a file cut off mid-way even when its index sits at the front. A recording that was
/// never finished (no duration written, as OBS leaves an MKV when it crashes) is measured by reading its video to the end.
/// </summary>
public sealed class VideoValidator(MediaProbe probe, FfprobeRunner ffprobe)
{
    /// <summary>How far before the claimed end to start reading packets: enough to pass one keyframe interval.</summary>
    private const double TailReadSeconds = 15;

    /// <summary>The shortest unfinished recording taken as a stream's video.</summary>
    private const double MinUnfinishedSeconds = 1;

    /// <param name="input">A local path or a storage read URL.</param>
    /// <param name="name">The file's name as the person knows it, for messages.</param>
    public async Task<MediaInfo> ValidateAsync(string input, string name, long sizeBytes, CancellationToken cancellationToken)
    {
        if (sizeBytes <= 0)
        {
            throw new VideoImportException($"'{name}' was refused: the file is empty (0 bytes).");
        }

        MediaInfo media;
        try
        {
            media = await probe.ProbeUntrustedAsync(input, cancellationToken);
        }
        catch (FfmpegException e)
        {
            throw new VideoImportException($"'{name}' was refused: it is not a video file ffprobe can read, or it is truncated ({Reason(e.Message)}).", e);
        }

        if (!media.HasVideo)
        {
            throw new VideoImportException($"'{name}' was refused: it has no video stream ({(media.HasAudio ? "audio only" : "no audio or video")}).");
        }

        if (!(media.DurationSeconds > 0) || double.IsInfinity(media.DurationSeconds))
        {
            return await MeasureUnfinishedAsync(input, name, media, cancellationToken);
        }

        await CheckReachesEndAsync(input, name, media, cancellationToken);
        return media;
    }

    /// <summary>
    /// A container without a duration: a recording stopped before it was finished has its video all the same, and its
    /// length is where that video ends; a still picture or a file with a frame or two is no stream's video.
    /// </summary>
    private async Task<MediaInfo> MeasureUnfinishedAsync(string input, string name, MediaInfo media, CancellationToken cancellationToken)
    {
        var (start, last, packets) = await ReadVideoPacketsAsync(input, name, 0, cancellationToken);
        var frame = media.FrameRate is > 0 and var rate ? 1 / rate : 0;
        var seconds = last - start + frame;
        if (seconds is not { } measured || packets < 2 || measured < MinUnfinishedSeconds)
        {
            throw new VideoImportException($"'{name}' was refused: it has no duration and its video {(packets == 0 ? "has no frames" : $"holds {packets} frame(s)")} (a still picture, or a damaged file).");
        }

        return media with { DurationSeconds = measured, VideoDurationSeconds = measured, Unfinished = true };
    }

    private async Task CheckReachesEndAsync(string input, string name, MediaInfo media, CancellationToken cancellationToken)
    {
        var duration = media.DurationSeconds;
        var from = Math.Max(0, duration - TailReadSeconds);
        var (start, lastPacket, _) = await ReadVideoPacketsAsync(input, name, from, cancellationToken);

        // MP4 and Matroska count their duration from zero, so one whose first frame comes late (remuxed from a longer
        // recording, timestamps kept) ends at its duration; MPEG-TS and the rest count it from their first frame.
        var origin = media.IsFormat("mp4") || media.IsFormat("matroska") ? 0 : start;

        // A legitimate file's video ends within a frame or two of the container's duration; allow a little more
        // (audio may run on a moment longer), but a file cut in half stops far short of what its header claims.
        var slack = Math.Clamp(duration * 0.1, 1, 10);
        if (lastPacket is not { } last || last - origin < duration - slack)
        {
            var reached = lastPacket is { } l ? $"its video stops at {Seconds(l - origin)}" : $"there is no video data after {Seconds(from)}";
            throw new VideoImportException($"'{name}' was refused: it is truncated: {reached} though it claims to last {Seconds(duration)}.");
        }
    }

    /// <summary>The container's start time and the last video packet's time from <paramref name="from"/> s on, and how many packets there were.</summary>
    private async Task<(double Start, double? Last, int Packets)> ReadVideoPacketsAsync(string input, string name, double from, CancellationToken cancellationToken)
    {
        double? lastPacket = null;
        var start = 0.0;
        var packets = 0;
        try
        {
            await ffprobe.RunAsync(FfmpegArguments.TailVideoPackets(input, from), line =>
            {
                if (Value(line, "pts_time=") is { } pts)
                {
                    lastPacket = Math.Max(lastPacket ?? pts, pts);
                    packets++;
                }
                else if (Value(line, "start_time=") is { } startTime)
                {
                    start = startTime;
                }
            }, cancellationToken);
        }
        catch (FfmpegException e)
        {
            throw new VideoImportException($"'{name}' was refused: its data could not be read to the end ({Reason(e.Message)}).", e);
        }

        return (start, lastPacket, packets);
    }

    private static double? Value(string line, string key) =>
        line.StartsWith(key, StringComparison.Ordinal)
        && double.TryParse(line.AsSpan(key.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static string Seconds(double seconds) => seconds.ToString("0.##", CultureInfo.InvariantCulture) + " s";

    /// <summary>ffprobe's or ffmpeg's own words: no command line, no signed URL, no "[mov @ 0x…]" prefix, at most 200 characters.</summary>
    internal static string Reason(string message)
    {
        // ffmpeg's first complaint is the cause; the lines after it (joined by " | ") only follow from it.
        var line = (message.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? message).Split(" | ")[0];
        var bracket = line.LastIndexOf("] ", StringComparison.Ordinal);
        var colon = line.LastIndexOf(": ", StringComparison.Ordinal);
        var reason = (bracket >= 0 ? line[(bracket + 2)..] : colon >= 0 ? line[(colon + 2)..] : line).Trim().TrimEnd(')', '.');
        return reason.Length > 200 ? reason[..200] : reason;
    }
}
