using System.Globalization;
using VodManager.Core.Diagnostics;
using VodManager.Core.Media;

namespace VodManager.Core.Cutting;

/// <summary>
/// Checks a joined smart cut from its packet timestamps alone (one ffprobe, nothing decoded): the video lasts what was
/// asked, every join sits where the plan put it (keyframes exactly at the start, at each copied GOP and at the tail,
/// and none elsewhere; the frame before a join one frame before it; no frame twice), and the audio lines up with the video.
/// Decoding frames to match pictures (<see cref="FirstFrameErrorAsync"/>) measured the same thing at several times the
/// cost; the benchmark and the tests still use it to vouch for this check.
/// </summary>
public sealed class SmartCutVerifier(FfprobeRunner ffprobe, FfmpegRunner ffmpeg)
{
    // Reference frames on each side of the asked start; the output's first frame is matched against all of them.
    private const int Neighbours = 2;

    /// <param name="sourceKeyframes">The source's keyframe times the plan was made from.</param>
    public async Task<SmartCutCheck> CheckAsync(string output, ClipBounds asked, SmartCutPlan plan, IReadOnlyList<double> sourceKeyframes, double frameRate, CancellationToken cancellationToken)
    {
        using var activity = VodActivities.Start(VodActivities.SmartCutCheck);
        var frame = 1 / frameRate;
        var streams = new Dictionary<int, (string Type, double Start, double Duration)>();
        var packets = new List<(int Stream, double Time, bool Key)>();
        await ffprobe.RunAsync(FfmpegArguments.PacketTimeline(output), line =>
        {
            var fields = line.Split('|');
            string? Field(string name) => fields.FirstOrDefault(f => f.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];
            if (fields[0] == "packet" && int.TryParse(Field("stream_index"), CultureInfo.InvariantCulture, out var stream) && Number(Field("pts_time")) is { } time)
            {
                packets.Add((stream, time, Field("flags")?.Contains('K') == true));
            }
            else if (fields[0] == "stream" && int.TryParse(Field("index"), CultureInfo.InvariantCulture, out var index))
            {
                streams[index] = (Field("codec_type") ?? "", Number(Field("start_time")) ?? 0, Number(Field("duration")) ?? 0);
            }
        }, cancellationToken);

        var (videoIndex, video) = streams.FirstOrDefault(s => s.Value.Type == "video");
        if (video.Type != "video")
        {
            throw new CutException("The smart cut has no video stream.");
        }

        var times = packets.Where(p => p.Stream == videoIndex).Select(p => (p.Time - video.Start, p.Key)).OrderBy(p => p.Item1).ToList();
        var frames = new LocalFrames(times.Select(p => p.Item1).ToList(), frame);
        var durationError = (video.Duration - asked.Duration) / frames.At(asked.Duration);
        var audioOffset = 0.0;
        if (streams.Values.FirstOrDefault(s => s.Type == "audio") is { Type: "audio" } audio)
        {
            var startGap = Math.Abs(audio.Start - video.Start) / frames.At(0);
            var endGap = Math.Abs(audio.Start + audio.Duration - video.Start - video.Duration) / frames.At(asked.Duration);
            audioOffset = Math.Max(startGap, endGap);
        }

        var repeated = times.Zip(times.Skip(1)).Count(p => p.Second.Item1 - p.First.Item1 < KeyframeReader.SameInstant);
        return new SmartCutCheck(durationError, JoinError(times, ExpectedKeyframes(asked, plan, sourceKeyframes, frame), frames), audioOffset, repeated);
    }

    /// <summary>
    /// The thorough measure this check stands in for: decodes the clip's first frame and the source's frames around
    /// the asked start and says which of them it is (0: the asked frame; -1: the one before).
    /// </summary>
    public async Task<int> FirstFrameErrorAsync(string source, string output, double start, double frameRate, string workFolder, CancellationToken cancellationToken)
    {
        var frame = 1 / frameRate;
        var referenceStart = Math.Max(0, start - Neighbours * frame);
        var expected = (int)Math.Round((start - referenceStart) / frame);
        var outputThumb = Path.Combine(workFolder, "check-output.gray");
        var sourceThumbs = Path.Combine(workFolder, "check-source.gray");
        await Task.WhenAll(
            ffmpeg.RunAsync(FfmpegArguments.FrameThumbnails(output, 0, 1, outputThumb), outputThumb, null, null, cancellationToken),
            ffmpeg.RunAsync(FfmpegArguments.FrameThumbnails(source, referenceStart, expected + Neighbours + 1, sourceThumbs), sourceThumbs, null, null, cancellationToken));
        var first = await File.ReadAllBytesAsync(outputThumb, cancellationToken);
        var references = await File.ReadAllBytesAsync(sourceThumbs, cancellationToken);
        return FrameMatcher.BestMatch(first, references, expected) - expected;
    }

    /// <summary>Where the joined clip must have keyframes: its start, each keyframe of the copied middle, the tail's start.</summary>
    private static List<double> ExpectedKeyframes(ClipBounds asked, SmartCutPlan plan, IReadOnlyList<double> sourceKeyframes, double frame)
    {
        var expected = new List<double>();
        if (plan.Head is not null)
        {
            expected.Add(0);
        }

        if (plan.Middle is { } middle)
        {
            var end = middle.Start + middle.Duration - frame / 2;
            expected.AddRange(sourceKeyframes.Where(k => k >= middle.Start - frame / 2 && k < end).Select(k => k - asked.Start));
        }

        if (plan.Tail is { } tail)
        {
            expected.Add(tail.Start - asked.Start);
        }

        return expected;
    }

    /// <summary>In frames: the farthest keyframe from an expected one and the reverse, and how far each join's frame gap is from one frame.</summary>
    private static double JoinError(List<(double Time, bool Key)> video, List<double> expected, LocalFrames frames)
    {
        var keyframes = video.Where(p => p.Key).Select(p => p.Time).ToList();
        if (keyframes.Count == 0 || expected.Count == 0)
        {
            return double.PositiveInfinity;
        }

        static double Nearest(List<double> among, double t) => among.Min(a => Math.Abs(a - t));
        var error = Math.Max(expected.Max(e => Nearest(keyframes, e) / frames.At(e)), keyframes.Max(k => Nearest(expected, k) / frames.At(k)));
        for (var i = 1; i < video.Count; i++)
        {
            if (video[i].Key)
            {
                error = Math.Max(error, frames.GapError(i));
            }
        }

        return error;
    }

    /// <summary>
    /// What "one frame" is at a point of the clip: the nominal frame, or where a variable-rate source drops frames the
    /// gap between its frames there, so errors count in the source's own frames. A constant-rate clip's gaps are all
    /// the nominal frame, so there nothing changes.
    /// </summary>
    private sealed class LocalFrames(List<double> times, double nominal)
    {
        private const int GapsEachSide = 2;

        /// <summary>One frame near <paramref name="seconds"/>: the median of the nearest two gaps each side.</summary>
        public double At(double seconds)
        {
            var found = times.BinarySearch(seconds);
            var index = found < 0 ? ~found : found;
            var gaps = Enumerable.Range(index - GapsEachSide + 1, 2 * GapsEachSide)
                .Where(i => i >= 1 && i < times.Count)
                .Select(Gap)
                .Order()
                .ToList();
            if (gaps.Count == 0)
            {
                return nominal;
            }

            var median = gaps.Count % 2 == 1 ? gaps[gaps.Count / 2] : (gaps[gaps.Count / 2 - 1] + gaps[gaps.Count / 2]) / 2;
            return Math.Max(nominal, median);
        }

        /// <summary>
        /// How far the gap before the frame at <paramref name="index"/> is from one frame, in frames: from the gap
        /// before it or the one after, whichever it is closer to (where a variable-rate source changes its rate at a
        /// join, the gap there is one of the two rates).
        /// </summary>
        public double GapError(int index)
        {
            var gap = Gap(index);
            return Math.Min(
                index >= 2 ? Math.Abs(gap / Math.Max(nominal, Gap(index - 1)) - 1) : double.PositiveInfinity,
                index + 1 < times.Count ? Math.Abs(gap / Math.Max(nominal, Gap(index + 1)) - 1) : Math.Abs(gap / nominal - 1));
        }

        private double Gap(int index) => times[index] - times[index - 1];
    }

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
