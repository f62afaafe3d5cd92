using System.Globalization;
using VodManager.Core.Cutting;
using VodManager.Core.Media;
using VodManager.Core.Storage;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Cutting;

/// <summary>
/// A smart cut of a source with B-frames (as OBS's x264 and NVENC write: a frame is sent before the earlier ones that
/// refer to it, so a keyframe is decoded before its time). The copied middle stops at the next keyframe's decode time:
/// it had stopped at its time, so it held that keyframe and the frame after it, which the re-encoded tail holds too,
/// and the clip showed them twice (two frames at one time, a stutter at the join) while its check passed.
/// </summary>
public sealed class BFrameSourceTests
{
    private static readonly TestPatternSpec Source = new(20, BFrames: 3);

    [Theory]
    [InlineData(3.3, 12.7)]
    [InlineData(2.0, 16.0)] // on keyframes: no head or tail to re-encode
    public async Task A_smart_cut_holds_each_source_frame_of_the_range_once(double start, double end)
    {
        await using var s = await CutScenario.StartAsync(await TestDatabase.SettingsAsync(DatabaseEngine.Sqlite), Source);
        var highlight = await s.AddHighlightAsync(start, end);

        var result = Assert.Single(await s.CutAsync(CutMode.Smart, highlight.Id));

        Assert.True(result.Mode == CutMode.Smart, result.Reason);
        var clip = (await s.HighlightAsync(highlight.Id)).ClipVod!;
        var output = s.Host.Get<IVodStorage>().TryGetLocalPath(clip.StorageKey)!;
        var source = await TestMedia.GetAsync(Source);
        var sourceFrames = (await FrameTimesAsync(s, source)).Where(t => t >= start - 0.0005 && t < end - 0.0005).ToList();
        var clipFrames = await FrameTimesAsync(s, output);

        Assert.Equal(clipFrames.Count, clipFrames.Distinct().Count());
        Assert.InRange(clipFrames.Count, sourceFrames.Count, sourceFrames.Count + 1);
        var shift = sourceFrames[0] - clipFrames[0];
        var off = sourceFrames.Zip(clipFrames, (a, b) => Math.Abs(a - (b + shift))).Max();
        Assert.True(off < 0.002, string.Create(CultureInfo.InvariantCulture, $"a clip frame is {off:0.000} s off the source's"));
        await s.AssertNothingLeftBehindAsync();
    }

    private static async Task<List<double>> FrameTimesAsync(CutScenario s, string path)
    {
        var times = new List<double>();
        await s.Host.Get<FfprobeRunner>().RunAsync(
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time", "-of", "csv=p=0", path],
            line => times.Add(Math.Round(double.Parse(line.Trim().TrimEnd(','), CultureInfo.InvariantCulture), 4)), CancellationToken.None);
        times.Sort();
        return times;
    }
}
