using VodManager.Core.Media;

namespace VodManager.Core.Cutting;

/// <summary>Finds which of several small grayscale frames a given frame is (least squared difference).</summary>
public static class FrameMatcher
{
    private const int FrameBytes = FfmpegArguments.ThumbnailWidth * FfmpegArguments.ThumbnailHeight;

    /// <summary>The index of the best-matching reference; of equally good ones (a still picture), the one nearest <paramref name="preferred"/>.</summary>
    public static int BestMatch(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> references, int preferred)
    {
        if (frame.Length < FrameBytes || references.Length < FrameBytes)
        {
            throw new CutException("Could not decode frames to check the smart cut.");
        }

        var count = references.Length / FrameBytes;
        var errors = new double[count];
        for (var i = 0; i < count; i++)
        {
            errors[i] = MeanSquaredError(frame[..FrameBytes], references.Slice(i * FrameBytes, FrameBytes));
        }

        // Re-encoding blurs a frame a little; anything within this of the best is "the same picture".
        var best = errors.Min();
        var sameAsBest = best * 1.05 + 0.5;
        return Enumerable.Range(0, count).Where(i => errors[i] <= sameAsBest).MinBy(i => Math.Abs(i - preferred));
    }

    private static double MeanSquaredError(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        long sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }

        return (double)sum / a.Length;
    }
}
