using System.Globalization;

namespace VodManager.Core.Media;

/// <summary>Keyframe and frame times of a video's first stream, from packets (no decoding, so fast even over a URL).</summary>
public sealed class KeyframeReader(FfprobeRunner ffprobe)
{
    /// <summary>Packet times are printed to the microsecond and container time bases round them: this close is the same instant.</summary>
    public const double SameInstant = 0.0005;

    public Task<double[]> ReadAsync(string input, CancellationToken cancellationToken) =>
        ReadAsync(FfmpegArguments.KeyframePackets(input), cancellationToken);

    /// <summary>The keyframes from the one at or before <paramref name="from"/> to <paramref name="to"/>.</summary>
    public Task<double[]> ReadAsync(string input, double from, double to, CancellationToken cancellationToken) =>
        ReadAsync(FfmpegArguments.KeyframePackets(input, from, to), cancellationToken);

    private async Task<double[]> ReadAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var keyframes = new List<double>();
        await ffprobe.RunAsync(arguments, line =>
        {
            if (Parse(line) is ({ } t, _, true))
            {
                keyframes.Add(t);
            }
        }, cancellationToken);
        keyframes.Sort();
        return [.. keyframes];
    }

    /// <summary>
    /// When the first frame at or after <paramref name="seconds"/> is due: a cut asked to start between two frames
    /// (they can be a fifth of a second apart where a variable-rate recording slows) really starts there; and how long
    /// before its time a keyframe is decoded (B-frames: an encoder sends a frame before the earlier ones that refer to
    /// it, so a stream copy ending at a keyframe's time would already hold that keyframe). Reads the packets of the
    /// second after <paramref name="seconds"/> (from the keyframe before); <paramref name="seconds"/> itself when a
    /// frame is due then or none follows.
    /// </summary>
    public async Task<(double FirstFrame, double DecodeDelay)> FirstFrameFromAsync(string input, double seconds, CancellationToken cancellationToken)
    {
        var first = double.PositiveInfinity;
        var delay = 0.0;
        await ffprobe.RunAsync(FfmpegArguments.KeyframePackets(input, seconds, seconds + 1), line =>
        {
            var (time, decodeTime, key) = Parse(line);
            if (time is not { } t)
            {
                return;
            }

            if (t >= seconds - SameInstant && t < first)
            {
                first = t;
            }

            if (key && decodeTime is { } dts)
            {
                delay = Math.Max(delay, t - dts);
            }
        }, cancellationToken);
        return (double.IsFinite(first) && first - seconds > SameInstant ? first : seconds, delay);
    }

    /// <summary>A "pts_time,flags" or "pts_time,dts_time,flags" line; the decode time is null when absent or "N/A" (Matroska).</summary>
    private static (double? Time, double? DecodeTime, bool Key) Parse(string line)
    {
        var comma = line.IndexOf(',');
        if (comma <= 0 || !double.TryParse(line.AsSpan(0, comma), NumberStyles.Float, CultureInfo.InvariantCulture, out var t))
        {
            return (null, null, false);
        }

        var rest = line.AsSpan(comma + 1);
        var next = rest.IndexOf(',');
        double? dts = next > 0 && double.TryParse(rest[..next], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
        return (t, dts, rest[(next + 1)..].Contains('K'));
    }
}
