using FFMpegCore;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Export;

/// <summary>Decoded frames of test outputs, as gray bytes (one per pixel), to compare regions of two videos.</summary>
internal static class Frames
{
    public static async Task<byte[]> GrayAsync(string video, double atSeconds, string workFolder)
    {
        var raw = Path.Combine(workFolder, $"frame-{Guid.NewGuid():N}.gray");
        var command = FFMpegArguments.FromFileInput(video, true, o => o.WithCustomArgument($"-ss {atSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}"))
            .OutputToFile(raw, true, o => o.WithCustomArgument("-frames:v 1 -map 0:v:0 -vf format=gray -f rawvideo"));
        await TestMedia.Runner().RunAsync(command, raw, null, null, CancellationToken.None);
        return await File.ReadAllBytesAsync(raw);
    }

    /// <summary>Mean absolute difference of two frames over rows [fromRow, toRow).</summary>
    public static double MeanDifference(byte[] a, byte[] b, int width, int fromRow, int toRow)
    {
        Assert.Equal(a.Length, b.Length);
        long sum = 0;
        for (var i = fromRow * width; i < toRow * width; i++)
        {
            sum += Math.Abs(a[i] - b[i]);
        }

        return (double)sum / ((toRow - fromRow) * width);
    }
}
