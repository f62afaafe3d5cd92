using System.Globalization;
using System.Text;
using FFMpegCore;
using VodManager.Core.Export;

namespace VodManager.Core.Media;

/// <summary>The social export's commands: the vertical filter graph, the encode, and a still frame for the framing picker.</summary>
public static partial class FfmpegArguments
{
    /// <summary>
    /// The filter graph that turns a clip into the profile's frame: a crop at the framing's position, or the whole
    /// frame over a blurred copy of itself; then the burned-in captions when there are any. Written to a script file
    /// (<see cref="VerticalExport"/>), so only ffmpeg's own filter escaping applies, not the command line's.
    /// </summary>
    /// <param name="captions">An ASS file to burn in, or null.</param>
    public static string VerticalFilterGraph(int sourceWidth, int sourceHeight, ExportProfile profile, Framing framing, string? captions)
    {
        var (w, h) = (profile.Width, profile.Height);
        var graph = new StringBuilder();
        if (framing.Kind == FramingKind.Blur)
        {
            // The background is blurred at an eighth of the size: as soft as a full-size blur, at a fraction of the cost.
            var (bw, bh) = (Even(w / 8.0), Even(h / 8.0));
            var radius = Math.Clamp(Math.Min(bw, bh) / 4, 1, 6); // boxblur refuses a radius over half the 4:2:0 chroma plane
            graph.Append(Inv($"[0:v]split=2[bg][fg];"))
                .Append(Inv($"[bg]scale={bw}:{bh}:force_original_aspect_ratio=increase,crop={bw}:{bh},boxblur={radius}:2,scale={w}:{h},eq=brightness=-0.08[back];"))
                .Append(Inv($"[fg]scale={w}:{h}:force_original_aspect_ratio=decrease:force_divisible_by=2:flags=lanczos[front];"))
                .Append("[back][front]overlay=(W-w)/2:(H-h)/2");
        }
        else
        {
            var crop = framing.CropFor(sourceWidth, sourceHeight, w, h);
            graph.Append(Inv($"[0:v]crop={crop.Width}:{crop.Height}:{crop.Left}:{crop.Top},scale={w}:{h}:flags=lanczos"));
        }

        graph.Append(",setsar=1");
        if (profile.FrameRate is { } fps)
        {
            graph.Append(Inv($",fps={fps}"));
        }

        if (captions is not null)
        {
            graph.Append(",ass=filename=").Append(FilterArgument(captions));
        }

        return graph.Append(",format=yuv420p[v]").ToString();
    }

    /// <summary>The export encode: the graph from a script file, H.264 at the profile's bitrate (1.5× peaks), AAC, faststart.</summary>
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
