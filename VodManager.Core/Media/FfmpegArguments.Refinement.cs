using System.Globalization;
using FFMpegCore;

namespace VodManager.Core.Media;

/// <summary>Refinement's commands: a window's audio for a backend, a window's scene changes, and media with known edges for tests.</summary>
public static partial class FfmpegArguments
{
    /// <summary>
    /// The audio of [start, start + duration] as mono MP3: small enough to send to a hosted model inline, and a
    /// format every model API accepts. Only the audio is decoded; the video packets are skipped.
    /// </summary>
    public static FFMpegArgumentProcessor WindowAudio(string input, double start, double duration, int sampleRate, int kbps, string output) =>
        SeekedInput(input, start).OutputToFile(output, true, o => o.WithCustomArgument(
            $"-t {Sec(duration)} -map 0:a:0 -vn -sn -dn -ac 1 -ar {sampleRate.ToString(CultureInfo.InvariantCulture)} -c:a libmp3lame -b:a {kbps.ToString(CultureInfo.InvariantCulture)}k -f mp3"));

    /// <summary>
    /// Scene changes in [start, start + duration]: frames whose scene score exceeds <paramref name="threshold"/>, printed
    /// to stdout as "pts_time:…" / "lavfi.scene_score=…" line pairs, times relative to <paramref name="start"/>. Frames are
    /// shrunk first: a cut between shots shows at any size, and small frames decode and compare much faster.
    /// The duration limits the input, not the output: a window without a scene change outputs no frame, so an output
    /// limit is never reached and ffmpeg decoded on to the end of the VOD (a demo refinement took minutes for that).
    /// </summary>
    public static FFMpegArgumentProcessor SceneChanges(string input, double start, double duration, double threshold) =>
        SeekedInput(input, start, duration).OutputToNull(o => o.WithCustomArgument(
            $"-map 0:v:0 -an -sn -dn -vf \"scale=160:-2,select='gt(scene,{Num(threshold)})',metadata=print:file=-\""));

    /// <summary>
    /// Test media with known edges: one shot per segment (each a different lavfi pattern, so every boundary is a scene
    /// change) and per segment a tone at the given level, or true silence when the level is null.
    /// </summary>
    public static FFMpegArgumentProcessor Segmented(IReadOnlyList<MediaSegment> segments, int width, int height, string outputPath)
    {
        string[] patterns = ["testsrc2", "smptebars", "rgbtestsrc", "testsrc", "smptehdbars", "yuvtestsrc"];
        var size = $"{width.ToString(CultureInfo.InvariantCulture)}x{height.ToString(CultureInfo.InvariantCulture)}";
        var shots = segments.Select((s, i) =>
            $"{patterns[i % patterns.Length]}=size={size}:rate=30:duration={Num(s.DurationSeconds)},format=yuv420p[v{i}];" +
            $"aevalsrc='{(s.ToneAmplitude is { } a ? $"{Num(a)}*sin(2*PI*440*t)" : "0")}':s=48000:c=mono:d={Num(s.DurationSeconds)}[a{i}]");
        var pairs = string.Concat(segments.Select((_, i) => $"[v{i}][a{i}]"));
        var graph = $"{string.Join(";", shots)};{pairs}concat=n={segments.Count.ToString(CultureInfo.InvariantCulture)}:v=1:a=1[out0][out1]";
        return FFMpegArguments.FromFileInput(graph, false, o => o.ForceFormat("lavfi"))
            .OutputToFile(outputPath, true, o => o.WithCustomArgument("-c:v libx264 -preset ultrafast -g 30 -sc_threshold 0 -c:a aac -b:a 96k -movflags +faststart"));
    }
}
