using System.Globalization;

namespace VodManager.Core.Media;

/// <summary>Keyframe times of a video's first stream, from packet flags (no decoding, so fast even over a URL).</summary>
public sealed class KeyframeReader(FfprobeRunner ffprobe)
{
    public async Task<double[]> ReadAsync(string input, CancellationToken cancellationToken)
    {
        var keyframes = new List<double>();
        await ffprobe.RunAsync(FfmpegArguments.KeyframePackets(input), line =>
        {
            var comma = line.IndexOf(',');
            if (comma > 0 && line.AsSpan(comma + 1).Contains('K')
                && double.TryParse(line.AsSpan(0, comma), NumberStyles.Float, CultureInfo.InvariantCulture, out var t))
            {
                keyframes.Add(t);
            }
        }, cancellationToken);
        keyframes.Sort();
        return [.. keyframes];
    }
}
