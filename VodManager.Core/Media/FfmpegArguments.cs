using System.Globalization;
using FFMpegCore;

namespace VodManager.Core.Media;

/// <summary>
/// The one place that builds ffmpeg command lines. Every number is written with the invariant culture; every
/// caller gets back an FFMpegCore processor that <see cref="FfmpegRunner"/> runs.
/// </summary>
public static partial class FfmpegArguments
{
    /// <summary>A generated stream: testsrc2 video with a burned-in clock, a quiet tone and loud bursts at the given moments.</summary>
    public static FFMpegArgumentProcessor TestPattern(TestPatternSpec spec, string outputPath)
    {
        var duration = TimeSpan.FromSeconds(spec.DurationSeconds);
        var video = $"testsrc2=size={spec.Width}x{spec.Height}:rate={spec.FrameRate}";
        var audio = $"aevalsrc='{ToneExpression(spec.LoudMoments ?? [])}':s=48000:c=mono";
        var arguments = FFMpegArguments.FromFileInput(spec.Video ? video : audio, false, o => o.ForceFormat("lavfi"));
        if (spec.Video && spec.Audio)
        {
            arguments = arguments.AddFileInput(audio, false, o => o.ForceFormat("lavfi"));
        }

        return arguments.OutputToFile(outputPath, true, o =>
        {
            o.WithDuration(duration);
            if (!spec.Video)
            {
                o.WithAudioCodec("aac").WithAudioBitrate(96).WithFastStart();
                return;
            }

            o.WithVideoCodec("libx264")
                .WithPixelFormat("yuv420p")
                .WithGopSize(spec.FrameRate * spec.KeyframeIntervalSeconds)
                .WithCustomArgument($"-preset ultrafast -keyint_min {Num(spec.FrameRate * spec.KeyframeIntervalSeconds)} -sc_threshold 0 -bf {Num(spec.BFrames)}")
                .WithFastStart();
            if (spec.VariableFrameRate)
            {
                o.WithCustomArgument($"-vf select='if(lt(mod(t\\,10)\\,5)\\,1\\,not(mod(n\\,5)))' -fps_mode vfr -force_key_frames expr:gte(t,n_forced*{Num(spec.KeyframeIntervalSeconds)})");
            }

            if (spec.VideoBitrateKbps is { } kbps)
            {
                o.WithVideoBitrate(kbps).WithCustomArgument($"-maxrate {Num(kbps)}k -bufsize {Num(kbps * 2)}k");
            }

            if (spec.Audio)
            {
                o.WithAudioCodec("aac").WithAudioBitrate(96);
            }
        });
    }

    /// <summary>
    /// Speech-like sound for the demo: pink noise around -34 LUFS, about 15 LU louder in the loud moments and near
    /// silence (about -85 LUFS) in the silent stretches. Filters rather than a per-sample expression: this is a second of
    /// CPU for twenty minutes. 16 kHz mono AAC, since only levels matter.
    /// </summary>
    public static FFMpegArgumentProcessor SpeechLikeSound(double durationSeconds, IReadOnlyList<LoudMoment> loud, IReadOnlyList<LoudMoment> silent, string outputPath)
    {
        static string Gate(IReadOnlyList<LoudMoment> moments) =>
            moments.Count == 0 ? "0" : string.Join("+", moments.Select(m => $"between(t,{Num(m.StartSeconds)},{Num(m.StartSeconds + m.DurationSeconds)})"));

        var source = $"anoisesrc=color=pink:sample_rate=16000:amplitude=0.15:seed=5,volume=6:enable='{Gate(loud)}',volume=0.003:enable='{Gate(silent)}'";
        return FFMpegArguments.FromFileInput(source, false, o => o.ForceFormat("lavfi"))
            .OutputToFile(outputPath, true, o => o
                .WithDuration(TimeSpan.FromSeconds(durationSeconds))
                .WithAudioCodec("aac").WithAudioBitrate(48).WithCustomArgument("-aac_coder fast")
                .WithFastStart());
    }

    /// <summary>
    /// A long video from a short picture-only one, repeated by stream copy (no encode) under a whole-length sound. The
    /// picture must be a whole number of keyframe intervals long for the keyframes to stay regular.
    /// </summary>
    public static FFMpegArgumentProcessor LoopPicture(string picturePath, string soundPath, double durationSeconds, string outputPath) =>
        FFMpegArguments.FromFileInput(picturePath, true, o => o.WithCustomArgument("-stream_loop -1"))
            .AddFileInput(soundPath)
            .OutputToFile(outputPath, true, o => o.WithCustomArgument($"-map 0:v:0 -map 1:a:0 -c copy -t {Num(durationSeconds)} -movflags +faststart"));

    /// <summary>
    /// Momentary loudness (EBU R128, 400 ms window) of the first audio stream, printed to stdout every 100 ms as
    /// "pts_time:…" / "lavfi.r128.M=…" line pairs; resampled to 16 kHz mono first because only levels matter.
    /// </summary>
    public static FFMpegArgumentProcessor Loudness(string input) =>
        Input(input).OutputToNull(o => o
            .WithCustomArgument("-map 0:a:0 -vn -sn -dn")
            .WithCustomArgument("-af aresample=16000,ebur128=metadata=1,ametadata=mode=print:key=lavfi.r128.M:file=-"));

    /// <summary>ffprobe arguments listing the first video stream's packets as "pts_time,flags" CSV; keyframes carry 'K'.</summary>
    public static IReadOnlyList<string> KeyframePackets(string input) =>
        ["-v", "error", .. UrlReadArguments(input), "-select_streams", "v:0", "-show_entries", "packet=pts_time,flags", "-of", "csv=p=0", input];

    /// <summary>
    /// As <see cref="KeyframePackets(string)"/>, from the keyframe at or before <paramref name="from"/> to
    /// <paramref name="to"/>, with each packet's decode time too: "pts_time,dts_time,flags".
    /// </summary>
    public static IReadOnlyList<string> KeyframePackets(string input, double from, double to) =>
        ["-v", "error", .. UrlReadArguments(input), "-read_intervals", $"{Sec(from)}%{Sec(to)}", "-select_streams", "v:0", "-show_entries", "packet=pts_time,dts_time,flags", "-of", "csv=p=0", input];

    /// <summary><see cref="UrlReadOptions"/> one argument each (for ffprobe's argument list): none for a file.</summary>
    public static IReadOnlyList<string> UrlReadArguments(string input) => UrlReadOptions(input)?.Split(' ') ?? [];

    /// <summary>
    /// Input options for a file nobody vouched for yet: only real video containers may be opened (never a playlist
    /// such as HLS or concat, whose entries would make ffmpeg fetch other files or URLs), and only through the
    /// input's own protocol.
    /// </summary>
    public static IReadOnlyList<string> UntrustedInputOptions(string input) =>
        ["-format_whitelist", "mov,matroska,mpegts,flv,avi", "-protocol_whitelist", IsUrl(input) ? "http,https,tcp,tls" : "file"];

    /// <summary>
    /// The first real video stream (cover pictures excluded) and every audio stream of an untrusted input, copied into an
    /// MP4 with timestamps from zero and its index at the front.
    /// </summary>
    public static FFMpegArgumentProcessor Rewrap(string input, string output) =>
        Input(input, o => o.WithCustomArgument(string.Join(' ', [.. UntrustedInputOptions(input), .. UrlReadArguments(input)])))
            .OutputToFile(output, true, o => o.WithCustomArgument(RewrapOutput));

    /// <summary>
    /// The concat list of a recording joined from runs whose timestamps restart at each: every run read from its
    /// byte range of <paramref name="input"/> (a file of its own there: an fMP4 run starts with its init section) and
    /// played for its length by the playlist, so each follows the last on the playlist's timeline whatever its own
    /// timestamps say.
    /// </summary>
    public static string RunList(string input, IEnumerable<(long Offset, long Length, double Seconds)> runs) =>
        ConcatList(runs.Select(r => (string.Create(CultureInfo.InvariantCulture, $"subfile,,start,{r.Offset},end,{r.Offset + r.Length},,:{input}"), r.Seconds)));

    /// <summary>
    /// The runs <paramref name="runList"/> lists (<see cref="RunList"/>) joined into one MP4 as <see cref="Rewrap"/>
    /// copies a file: the input is still untrusted, so each run may only be an MPEG-TS or MP4 read through its own protocol.
    /// </summary>
    public static FFMpegArgumentProcessor JoinRuns(string runList, string input, string output) =>
        FFMpegArguments.FromFileInput(runList, true, o => o.ForceFormat("concat").WithCustomArgument(
                $"-safe 0 -format_whitelist concat,mov,mpegts -protocol_whitelist file,subfile{(IsUrl(input) ? ",http,https,tcp,tls" : "")}"))
            .OutputToFile(output, true, o => o.WithCustomArgument(RewrapOutput));

    /// <summary>The first real video stream (cover pictures excluded) and every audio stream, copied into an MP4 with its index at the front.</summary>
    private const string RewrapOutput = "-map 0:V:0 -map 0:a? -sn -dn -c copy -movflags +faststart";

    /// <summary>
    /// ffprobe arguments listing the times of the first real video stream's packets (cover pictures excluded) from
    /// <paramref name="fromSeconds"/> to the end, plus the container's start time, as "key=value" lines.
    /// </summary>
    public static IReadOnlyList<string> TailVideoPackets(string input, double fromSeconds) =>
    [
        "-v", "error", .. UntrustedInputOptions(input), "-select_streams", "V:0", "-read_intervals", $"{Num(fromSeconds)}%",
        "-show_entries", "packet=pts_time:format=start_time", "-of", "default=noprint_wrappers=1", input,
    ];

    /// <summary>A file path or an http(s) URL (a storage read URL) as an ffmpeg input.</summary>
    internal static FFMpegArguments Input(string input, Action<FFMpegInputOptions>? options = null) =>
        HttpUrl.TryParse(input, out var uri)
            ? FFMpegArguments.FromUrlInput(uri, options)
            : FFMpegArguments.FromFileInput(input, true, options);

    /// <summary>One more input, a file path or an http(s) URL, as <see cref="Input"/> makes the first.</summary>
    internal static FFMpegArguments AddInput(FFMpegArguments arguments, string input, Action<FFMpegInputOptions>? options = null) =>
        HttpUrl.TryParse(input, out var uri)
            ? arguments.AddUrlInput(uri, options)
            : arguments.AddFileInput(input, true, options);

    /// <summary>A quiet 220 Hz tone, with a loud noisy 660 Hz tone inside each loud moment.</summary>
    internal static string ToneExpression(IReadOnlyList<LoudMoment> loud)
    {
        var quiet = "0.02*sin(2*PI*220*t)";
        if (loud.Count == 0)
        {
            return quiet;
        }

        var gate = string.Join("+", loud.Select(m => $"between(t,{Num(m.StartSeconds)},{Num(m.StartSeconds + m.DurationSeconds)})"));
        return $"{quiet}+({gate})*(0.6*sin(2*PI*660*t)+0.3*(random(0)-0.5))";
    }

    internal static string Num(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
