using System.Globalization;
using System.Text;
using FFMpegCore;

namespace VodManager.Core.Media;

/// <summary>The cutter's commands: stream copy, full re-encode, the three parts of a smart cut, and the checks on the result.</summary>
public static partial class FfmpegArguments
{
    private const string OnlyMainStreams = "-map 0:v:0 -map 0:a:0? -sn -dn";

    /// <summary>
    /// Stream copy of [start, start + duration]. Seeking before the input lands on the keyframe at or before
    /// <paramref name="start"/>; make_zero keeps that pre-roll visible instead of hiding it behind an edit list that
    /// browsers honour differently, so the clip really starts at the keyframe the cutter records.
    /// </summary>
    public static FFMpegArgumentProcessor CopyCut(string input, double start, double duration, string output) =>
        SeekedInput(input, start).OutputToFile(output, true, o => o.WithCustomArgument(
            $"-t {Sec(duration)} {OnlyMainStreams} -c copy -avoid_negative_ts make_zero -movflags +faststart"));

    /// <summary>Full re-encode of [start, start + duration]: seeking while decoding is frame-accurate.</summary>
    public static FFMpegArgumentProcessor PreciseCut(string input, double start, double duration, string output, ReencodeSettings encode) =>
        SeekedInput(input, start).OutputToFile(output, true, o => o.WithCustomArgument(
            $"-t {Sec(duration)} {OnlyMainStreams} {VideoEncoder(encode)} {AudioEncoder(encode)} -movflags +faststart"));

    /// <summary>
    /// Smart cut, every part in one ffmpeg run (a process per part cost more than the parts on a busy machine): each
    /// part reads its own seeked input into its own output. Edge parts re-encode video only, with the edge preset and
    /// no B-frames or scene-cut keyframes (an edge is at most one GOP: one keyframe, exact start and end), as MPEG-TS
    /// so every part carries its own parameter sets and the parts can be joined. The middle is a stream copy from one
    /// keyframe up to (not including) another. The audio, when asked, is the whole range re-encoded in one piece
    /// (cheap), so it starts exactly with the video. The edges keep the source's frames as stored, not turned upright
    /// as ffmpeg would for a rotated source (a phone's portrait video), so they join the copied middle's frames; the
    /// join puts the rotation back (<see cref="SmartJoin"/>).
    /// </summary>
    public static FFMpegArgumentProcessor SmartParts(string input, IReadOnlyList<SmartPartOutput> video, SmartPartOutput? audio, ReencodeSettings encode)
    {
        var parts = audio is { } a ? [.. video, a] : video.ToList();
        var arguments = Input(input, o => o.WithCustomArgument(SmartPartInput(input, parts[0])));
        foreach (var part in parts.Skip(1))
        {
            arguments = AddInput(arguments, input, o => o.WithCustomArgument(SmartPartInput(input, part)));
        }

        var outputs = new StringBuilder();
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            // A stream copy stops by decode time; a re-encode by the frames' own times.
            outputs.Append($"-t {Sec(part.Copy ? part.Duration - part.DecodeDelay - KeyframeReader.SameInstant : part.Duration)} ");
            outputs.Append(audio is not null && i == parts.Count - 1
                ? $"-map {i}:a:0 -vn -sn -dn {AudioEncoder(encode)}"
                : part.Copy
                    ? $"-map {i}:v:0 -an -sn -dn -c:v copy -bsf:v h264_mp4toannexb -f mpegts"
                    : $"-map {i}:v:0 -an -sn -dn {VideoEncoder(encode)} -bf 0 -sc_threshold 0 -f mpegts");
            if (i < parts.Count - 1)
            {
                outputs.Append(' ').Append(Quote(part.Output)).Append(' ');
            }
        }

        return arguments.OutputToFile(parts[^1].Output, true, o => o.WithCustomArgument(outputs.ToString()));
    }

    /// <summary>
    /// Where a part's input seeks. A re-encoded part starts on a frame and ends on the next part's first frame, and
    /// those times are printed rounded: seeking a hair early keeps its first frame and leaves out the next part's
    /// whichever way they rounded. A copied part seeks to its keyframe itself (a hair early would land a GOP early).
    /// </summary>
    private static double SeekFor(SmartPartOutput part) => part.Copy ? part.Start : Math.Max(0, part.Start - KeyframeReader.SameInstant);

    private static string SmartPartInput(string input, SmartPartOutput part) => $"-noautorotate {SeekOptions(input, SeekFor(part))}";

    /// <summary>
    /// Smart cut, join: the video parts listed in a concat file, plus the audio when there is any, with the source's
    /// <paramref name="rotation"/> (<see cref="MediaInfo.Rotation"/>) given back to the video: MPEG-TS parts carry none.
    /// </summary>
    public static FFMpegArgumentProcessor SmartJoin(string concatList, string? audio, int rotation, string output)
    {
        var arguments = FFMpegArguments.FromFileInput(concatList, true, o => o.ForceFormat("concat").WithCustomArgument("-safe 0"));
        if (audio is not null)
        {
            arguments = arguments.AddFileInput(audio, true);
        }

        var map = audio is null ? "-map 0:v:0" : "-map 0:v:0 -map 1:a:0";
        return arguments.OutputToFile(output, true, o => o.WithCustomArgument($"{map} -c copy{DisplayRotation(rotation)} -movflags +faststart"));
    }

    /// <summary>A stream copy of <paramref name="input"/> whose video a player turns by <paramref name="rotation"/> degrees, as a phone records portrait.</summary>
    public static FFMpegArgumentProcessor Rotated(string input, int rotation, string output) =>
        Input(input).OutputToFile(output, true, o => o.WithCustomArgument($"-map 0 -c copy{DisplayRotation(rotation)} -movflags +faststart"));

    /// <summary>
    /// Output options giving a stream copy's video a display matrix of <paramref name="rotation"/> degrees (none for 0).
    /// ffmpeg's command line turns this tag into the matrix for MP4 (since 3.3, and in the 5.1 the setup installs); a
    /// build that does not leaves the video unturned, which the smart cut's caller sees and redoes as a precise cut.
    /// </summary>
    private static string DisplayRotation(int rotation) =>
        rotation == 0 ? "" : $" -metadata:s:v:0 rotate={rotation.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Every stream of the files in a concat list, copied into one MP4 (e.g. to lengthen generated media).</summary>
    public static FFMpegArgumentProcessor ConcatCopy(string concatList, string output) =>
        FFMpegArguments.FromFileInput(concatList, true, o => o.ForceFormat("concat").WithCustomArgument("-safe 0"))
            .OutputToFile(output, true, o => o.WithCustomArgument("-map 0 -c copy -movflags +faststart"));

    /// <summary>The concat demuxer's list: each part with its exact duration, so the joined timestamps do not drift.</summary>
    public static string ConcatList(IEnumerable<(string Path, double Duration)> parts)
    {
        var list = new StringBuilder("ffconcat version 1.0\n");
        foreach (var (path, duration) in parts)
        {
            list.Append("file '").Append(path.Replace("'", "'\\''")).Append("'\n");
            list.Append("duration ").Append(Sec(duration)).Append('\n');
        }

        return list.ToString();
    }

    /// <summary>
    /// The first <paramref name="frames"/> video frames from <paramref name="start"/> (frame-accurate), as tiny
    /// grayscale pictures one after another: enough to tell neighbouring frames apart, cheap to compare.
    /// </summary>
    public static FFMpegArgumentProcessor FrameThumbnails(string input, double start, int frames, string output) =>
        SeekedInput(input, start).OutputToFile(output, true, o => o.WithCustomArgument(
            $"-frames:v {frames.ToString(CultureInfo.InvariantCulture)} -map 0:v:0 -an -vf scale={ThumbnailWidth}:{ThumbnailHeight}:flags=area,format=gray -f rawvideo"));

    /// <summary>Size of the pictures <see cref="FrameThumbnails"/> writes (one byte per pixel).</summary>
    public const int ThumbnailWidth = 64;

    public const int ThumbnailHeight = 36;

    /// <summary>
    /// ffprobe arguments listing every packet's stream, time and flags, then each stream's type, start and duration, as
    /// compact "packet|key=value|…" and "stream|key=value|…" lines: what a smart cut's check reads instead of decoding.
    /// </summary>
    public static IReadOnlyList<string> PacketTimeline(string input) =>
        ["-v", "error", "-show_entries", "packet=stream_index,pts_time,flags:stream=index,codec_type,start_time,duration", "-of", "compact", input];

    /// <summary>
    /// Input options for reading a URL: the range proxy answers in bounded pieces and then hangs up, and ffmpeg and
    /// ffprobe must take each end as "ask for the next piece", not as a broken download. Null for a file.
    /// </summary>
    public static string? UrlReadOptions(string input) => IsUrl(input) ? "-reconnect 1 -reconnect_delay_max 2" : null;

    /// <param name="duration">Stops reading the input there; needed when the output may stay empty (see <see cref="SceneChanges"/>).</param>
    private static FFMpegArguments SeekedInput(string input, double start, double? duration = null) =>
        Input(input, o => o.WithCustomArgument(SeekOptions(input, start, duration)));

    /// <summary>An input's seek (and read limit), and the URL read options when it is a URL.</summary>
    private static string SeekOptions(string input, double start, double? duration = null) =>
        $"-ss {Sec(start)} {(duration is { } d ? $"-t {Sec(d)} " : "")}{UrlReadOptions(input)}".TrimEnd();

    private static bool IsUrl(string input) => HttpUrl.TryParse(input, out _);

    private static string VideoEncoder(ReencodeSettings encode) =>
        $"-c:v libx264 -preset {encode.Preset} -crf {encode.Crf.ToString(CultureInfo.InvariantCulture)} -pix_fmt yuv420p";

    private static string AudioEncoder(ReencodeSettings encode) =>
        $"-c:a aac -b:a {encode.AudioKbps.ToString(CultureInfo.InvariantCulture)}k";

    /// <summary>Seconds with microsecond precision: frame times at 30 or 60 fps must not be rounded onto a neighbour.</summary>
    internal static string Sec(double seconds) => seconds.ToString("0.######", CultureInfo.InvariantCulture);
}
