using System.Globalization;
using System.Text;
using FFMpegCore;
using VodManager.Core.Export;
using VodManager.Core.Export.Captions;

namespace VodManager.Core.Media;

/// <summary>The social export's commands: the vertical filter graph, the encode, and a still frame for the framing picker.</summary>
public static partial class FfmpegArguments
{
    /// <summary>
    /// Widest picture of caption states one overlay holds: states sit side by side a frame's width apart, so about
    /// 45 of them for a 720-wide frame; a track with more states gets another overlay.
    /// </summary>
    internal const int MaxCaptionAtlasWidth = 32768;

    /// <summary>How the slots of a composed chat state are merged (planes Y, U, V, alpha): see <see cref="AppendComposedAtlas"/>.</summary>
    private const string MergeStrips = "c0_mode=lighten:c1_mode=grainmerge:c2_mode=grainmerge:c3_mode=lighten:" + OneThread;

    /// <summary>
    /// The caption filters' blends run on the graph's own thread: a band is too small to split between threads, and
    /// handing each frame's slices to ffmpeg's filter thread pool (waking its threads and waiting for them, for every
    /// frame and overlay) cost more CPU than the blend itself (draft centre export, five runs each on the loaded
    /// machine: 7.15 s mean, 6.73 s least with the pool; 6.91 s and 6.36 s without; plain ffmpeg 6.88 s and 6.62 s).
    /// </summary>
    private const string OneThread = "threads=1";

    /// <summary>
    /// The filter graph that turns a clip into the profile's frame: a crop at the framing's position, or the whole
    /// frame over a blurred copy of itself; then the caption sheets pasted in (or drawn per frame, see <see cref="CaptionOverlay"/>). Written to a script file
    /// (<see cref="VerticalExport"/>), so only ffmpeg's own filter escaping applies, not the command line's.
    /// The frame rate is set first, so frames a lower rate drops are never cropped, scaled or captioned.
    /// </summary>
    public static string VerticalFilterGraph(int sourceWidth, int sourceHeight, ExportProfile profile, Framing framing, IReadOnlyList<CaptionOverlay> captions)
    {
        var (w, h) = (profile.Width, profile.Height);
        var graph = new StringBuilder("[0:v]");
        if (profile.FrameRate is { } fps)
        {
            graph.Append(Inv($"fps={fps},"));
        }

        if (framing.Kind == FramingKind.Blur)
        {
            // The background is blurred at an eighth of the size: as soft as a full-size blur, at a fraction of the cost.
            var (bw, bh) = (Even(w / 8.0), Even(h / 8.0));
            var radius = Math.Clamp(Math.Min(bw, bh) / 4, 1, 6); // boxblur refuses a radius over half the 4:2:0 chroma plane
            graph.Append("split=2[bg][fg];")
                .Append(Inv($"[bg]scale={bw}:{bh}:force_original_aspect_ratio=increase,crop={bw}:{bh},boxblur={radius}:2,scale={w}:{h},eq=brightness=-0.08[back];"))
                .Append(Inv($"[fg]scale={w}:{h}:force_original_aspect_ratio=decrease:force_divisible_by=2:flags=lanczos[front];"))
                .Append("[back][front]overlay=(W-w)/2:(H-h)/2");
        }
        else
        {
            var crop = framing.CropFor(sourceWidth, sourceHeight, w, h);
            graph.Append(Inv($"crop={crop.Width}:{crop.Height}:{crop.Left}:{crop.Top},scale={w}:{h}:flags=lanczos"));
        }

        graph.Append(",setsar=1");
        var atlas = 0;
        foreach (var caption in captions)
        {
            if (caption.PerFrame)
            {
                graph.Append(",ass=filename=").Append(FilterArgument(caption.ScriptPath));
                continue;
            }

            var perAtlas = Math.Max(1, MaxCaptionAtlasWidth / w);
            for (var first = 0; first < caption.Sheet.States.Count; first += perAtlas)
            {
                var count = Math.Min(perAtlas, caption.Sheet.States.Count - first);
                graph.Append(Inv($"[c{atlas}];"));
                if (caption.Scroll is { } scroll)
                {
                    AppendComposedAtlas(graph, w, caption, scroll, first, count, atlas);
                }
                else
                {
                    AppendCaptionAtlas(graph, w, caption, first, count, atlas);
                }

                graph.Append(Inv($"[c{atlas}][a{atlas}]overlay=x={CaptionPosition(w, caption.Sheet.States, first, count)}:y={caption.Sheet.Top}:{OneThread}"));
                atlas++;
            }
        }

        return graph.Append(",format=yuv420p[v]").ToString();
    }

    /// <summary>
    /// States <paramref name="first"/>.. of a sheet drawn once each by libass on a transparent band (one frame per
    /// state, the sheet shows state k at second k) and laid side by side, a frame's width apart, into one picture
    /// "[a{index}]". One picture and no more: an overlay whose second input has ended pastes onto the frame in place,
    /// while one that still expects frames makes ffmpeg 5.1 copy every video frame first.
    /// The band is drawn in yuva420p, the format overlay blends in: libass's bitmaps are blended into it by plain C per
    /// pixel and plane, and 4:2:0 has 2.5 planes' worth of pixels where RGBA has 4, so drawing took a quarter less
    /// (2.86 -> 2.14 G instructions for the benchmark's 86 states), and the picture needs no RGBA-to-YUV conversion
    /// nor the RGBA copy's memory. The pasted pixels are the same to within rounding at glyph edges.
    /// </summary>
    private static void AppendCaptionAtlas(StringBuilder graph, int width, CaptionOverlay caption, int first, int count, int index) =>
        graph.Append(Inv($"color=c=black@0:s={width}x{caption.Sheet.Height}:r=1:d={count},setpts=PTS+{first}/TB,format=yuva420p,"))
            .Append("ass=filename=").Append(FilterArgument(caption.ScriptPath))
            .Append(Inv($":alpha=1,tile=layout={count}x1:color=black@0,setpts=0[a{index}];"));

    /// <summary>
    /// The overlay's x as a function of the frame's time: the picture slides left a frame's width per state, so the
    /// state of the moment lands on the frame and the others lie outside it; with no state it lies right of the
    /// frame (nothing is pasted). A sum of steps: each change adds the difference at its time.
    /// </summary>
    internal static string CaptionPosition(int width, IReadOnlyList<CaptionState> states, int first, int count)
    {
        var steps = new List<(double At, int X)>();
        for (var slot = 0; slot < count; slot++)
        {
            var state = states[first + slot];
            if (steps.Count > 0 && steps[^1].At == state.Start)
            {
                steps.RemoveAt(steps.Count - 1); // the previous state ends as this one starts
            }

            steps.Add((state.Start, -slot * width));
            steps.Add((state.End, width));
        }

        return SumOfSteps("t", width, steps);
    }

    /// <summary>
    /// States <paramref name="first"/>.. of a rolling track put together from its strips (<see cref="CaptionScroll"/>)
    /// into the same picture "[a{index}]" as <see cref="AppendCaptionAtlas"/> draws. libass draws each line these states
    /// show once, a strip per second, and the strips are stacked into one tall picture whose last strip stays blank;
    /// that picture is repeated once per state, and for each line slot a crop whose y steps with the frame number cuts
    /// the state's line (or the blank) out of it and a pad puts it on its row of the band. The slots are merged keeping
    /// the lighter luma and the higher opacity, and on the chroma planes whichever side is not neutral: neighbouring
    /// lines' boxes overlap, and pasted over each other the translucent boxes would darken where they overlap.
    /// </summary>
    private static void AppendComposedAtlas(StringBuilder graph, int width, CaptionOverlay caption, CaptionScroll scroll, int first, int count, int index)
    {
        var lines = caption.Sheet.States.Skip(first).Take(count).Select(s => s.Cues[0].Lines.Count).ToList();
        var from = scroll.First[first];
        var blank = lines.Select((shown, n) => scroll.First[first + n] + shown).Max() - from;
        graph.Append(Inv($"color=c=black@0:s={width}x{scroll.StripHeight}:r=1:d={blank},setpts=PTS+{from}/TB,format=yuva420p,"))
            .Append("ass=filename=").Append(FilterArgument(caption.ScriptPath))
            .Append(Inv($":alpha=1,tile=layout=1x{blank + 1}:color=black@0,setpts=0,loop=loop={count - 1}:size=1,setpts=N/TB,split={lines.Max()}"));
        for (var slot = 0; slot < lines.Max(); slot++)
        {
            graph.Append(Inv($"[s{index}_{slot}]"));
        }

        for (var slot = 0; slot < lines.Max(); slot++)
        {
            var strips = lines.Select((shown, n) => (slot < shown ? scroll.First[first + n] + slot - from : blank) * scroll.StripHeight).ToList();
            graph.Append(Inv($";[s{index}_{slot}]crop=w={width}:h={scroll.StripHeight}:x=0:y={SumOfSteps("n", strips[0], strips.Select((y, n) => ((double)n, y)))}"))
                .Append(Inv($",pad={width}:{caption.Sheet.Height}:0:{scroll.Offset + slot * scroll.Pitch}:color=black@0"))
                .Append(slot == 0 ? Inv($"[m{index}_0]") : Inv($"[p{index}_{slot}];[m{index}_{slot - 1}][p{index}_{slot}]blend={MergeStrips}[m{index}_{slot}]"));
        }

        graph.Append(Inv($";[m{index}_{lines.Max() - 1}]tile=layout={count}x1:color=black@0,setpts=0[a{index}];"));
    }

    /// <summary>An expression of <paramref name="variable"/> that is <paramref name="start"/> and takes each step's value from its point on (points ascending).</summary>
    private static string SumOfSteps(string variable, int start, IEnumerable<(double At, int Value)> steps)
    {
        var expression = new StringBuilder(Inv($"{start}"));
        var value = start;
        foreach (var (at, next) in steps)
        {
            if (next != value)
            {
                expression.Append(Inv($"{(next > value ? "+" : "")}{next - value}*gte({variable}\\,{at:0.######})"));
                value = next;
            }
        }

        return expression.ToString();
    }

    /// <summary>The export encode: the graph from a script file, H.264 at the profile's bitrate (1.5× peaks), AAC, faststart.</summary>
    /// <summary>
    /// A source's browser copy: its first video scaled down to the copy's height (never up), slowed to the copy's
    /// frame rate when <paramref name="sourceFrameRate"/> is above it (never sped up), as H.264 with a keyframe
    /// every <see cref="BrowserCopyOptions.KeyframeSeconds"/>, its first audio as AAC, from zero as the player counts the
    /// source (so the copy's seconds are the timeline's), the index up front so the player starts at once.
    /// </summary>
    public static FFMpegArgumentProcessor BrowserCopy(string input, BrowserCopyOptions copy, double? sourceFrameRate, string output) =>
        Input(input, o => o.WithCustomArgument(UrlReadOptions(input) ?? "")).OutputToFile(output, true, o => o.WithCustomArgument(
            Inv($"-map 0:v:0 -map 0:a:0? -sn -dn -vf \"{(sourceFrameRate > copy.MaxFrameRate + 0.5 ? Inv($"fps={copy.MaxFrameRate},") : "")}")
            + Inv($"scale=-2:'min({copy.Height},ih)':flags=bicubic,format=yuv420p\" ")
            + Inv($"-c:v libx264 -preset {copy.Preset} -crf {copy.Crf} -maxrate {copy.MaxVideoKbps}k -bufsize {copy.MaxVideoKbps * 2}k -profile:v high ")
            + Inv($"-force_key_frames \"expr:gte(t,n_forced*{copy.KeyframeSeconds})\" ")
            + Inv($"-c:a aac -b:a {copy.AudioKbps}k -ac 2 -movflags +faststart")));

    public static FFMpegArgumentProcessor VerticalExport(string input, string filterScript, ExportProfile profile, string output)
    {
        var video = profile.VideoBitrateKbps;
        return Input(input, o => o.WithCustomArgument(UrlReadOptions(input) ?? "")).OutputToFile(output, true, o => o.WithCustomArgument(
            $"-filter_complex_script {Quote(filterScript)} -map [v] -map 0:a:0? -sn -dn "
            + Inv($"-c:v {profile.VideoCodec} -preset {profile.Preset} -b:v {video}k -maxrate {video * 3 / 2}k -bufsize {video * 2}k -profile:v high ")
            + Inv($"-c:a aac -b:a {profile.AudioBitrateKbps}k -ar 48000 -movflags +faststart")));
    }

    /// <summary>One frame at <paramref name="atSeconds"/>, scaled to <paramref name="width"/>, as a JPEG: the still the editor picks a crop position on.</summary>
    public static FFMpegArgumentProcessor StillFrame(string input, double atSeconds, int width, string output) =>
        SeekedInput(input, atSeconds).OutputToFile(output, true, o => o.WithCustomArgument(
            Inv($"-frames:v 1 -map 0:v:0 -an -vf scale={width}:-2 -q:v 4 -f image2")));

    /// <summary>
    /// A value inside a filter graph: escaped once for the filter's option parser (\ ' :) and once more for the
    /// graph parser (\ ' [ ] , ;), so any temp-folder path works.
    /// </summary>
    internal static string FilterArgument(string value)
    {
        var option = Escape(value, "\\':");
        return Escape(option, "\\'[],;");
    }

    private static string Escape(string value, string special)
    {
        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (special.Contains(c))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>A path as one command-line argument (FFMpegCore hands ffmpeg a single argument string).</summary>
    private static string Quote(string path) => "\"" + path.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static int Even(double value) => Math.Max(2, (int)Math.Round(value / 2) * 2);

    private static string Inv(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
