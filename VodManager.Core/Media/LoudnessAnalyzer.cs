using System.Globalization;

namespace VodManager.Core.Media;

/// <summary>
/// Per-second loudness of a media file's audio: the loudest momentary (400 ms) EBU R128 value in each second,
/// in LUFS, floored at <see cref="Silence"/>. A scream or a cheer shows up as a jump well above the stream's level.
/// </summary>
public sealed class LoudnessAnalyzer(FfmpegRunner ffmpeg)
{
    /// <summary>The floor: anything quieter is treated as silence.</summary>
    public const float Silence = -70f;

    /// <param name="input">A file path or a read URL.</param>
    /// <param name="durationSeconds">The media's duration, for progress and to size the result.</param>
    public async Task<float[]> MeasureAsync(string input, double durationSeconds, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var seconds = new List<float>(Math.Max(1, (int)Math.Ceiling(durationSeconds)));
        var currentSecond = -1;
        var processor = FfmpegArguments.Loudness(input).NotifyOnStandardOutput(line =>
        {
            if (line.StartsWith("frame:", StringComparison.Ordinal))
            {
                var at = line.IndexOf("pts_time:", StringComparison.Ordinal);
                if (at >= 0 && double.TryParse(line.AsSpan(at + 9).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var t))
                {
                    currentSecond = (int)Math.Floor(t);
                }
            }
            else if (line.StartsWith("lavfi.r128.M=", StringComparison.Ordinal) && currentSecond >= 0
                && float.TryParse(line.AsSpan(13), NumberStyles.Float, CultureInfo.InvariantCulture, out var m))
            {
                while (seconds.Count <= currentSecond)
                {
                    seconds.Add(Silence);
                }

                // Digital silence measures as "nan" (or -inf): it is the floor, not a number that poisons every max after it.
                seconds[currentSecond] = Math.Max(seconds[currentSecond], float.IsFinite(m) ? Math.Max(Silence, m) : Silence);
            }
        });
        try
        {
            await ffmpeg.RunAsync(processor, outputPath: null, TimeSpan.FromSeconds(durationSeconds), progress, cancellationToken);
        }
        catch (FfmpegException e) when (e.Message.Contains("matches no streams", StringComparison.OrdinalIgnoreCase))
        {
            throw new FfmpegException("The media has no audio stream to measure.", e);
        }

        return [.. seconds];
    }
}
