using System.Globalization;
using VodManager.Core.Cutting;
using VodManager.Core.Media;
using VodManager.Core.Storage;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Cutting;

/// <summary>
/// A smart cut of a variable-frame-rate source (30 fps, every other 5 s at 6 fps, as a screen or phone recording): its
/// check measures in the source's own frames there, so it passes, and the clip holds exactly the source's frames.
/// </summary>
public sealed class VariableFrameRateCutTests
{
    private static readonly TestPatternSpec Source = new(20, VariableFrameRate: true);

    [Theory]
    [InlineData(3.3, 12.7)] // starts at full rate, crosses both changes of rate
    [InlineData(5.55, 14.2)] // starts between two frames 1/6 s apart
    public async Task A_smart_cut_passes_its_check_and_keeps_the_source_frames_and_their_times(double start, double end)
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

        // Frame for frame: the source's frames in the range, at the same distances from the first (a frame due exactly
        // at the end may come along: its time rounds either way, as in any cut).
        Assert.InRange(clipFrames.Count, sourceFrames.Count, sourceFrames.Count + 1);
        var shift = sourceFrames[0] - clipFrames[0];
        var off = sourceFrames.Zip(clipFrames, (a, b) => Math.Abs(a - (b + shift))).Max();
        Assert.True(off < 0.002, string.Create(CultureInfo.InvariantCulture, $"a clip frame is {off:0.000} s off the source's"));

        // And the first picture is the source's first frame in the range, not its neighbour.
        var verifier = s.Host.Get<SmartCutVerifier>();
        Assert.Equal(0, await verifier.FirstFrameErrorAsync(source, output, sourceFrames[0], 30, s.Host.Folder.Path, CancellationToken.None));
        await s.AssertNothingLeftBehindAsync();
    }

    private static async Task<List<double>> FrameTimesAsync(CutScenario s, string path)
    {
        var times = new List<double>();
        await s.Host.Get<FfprobeRunner>().RunAsync(
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time", "-of", "csv=p=0", path],
            line => times.Add(double.Parse(line.Trim().TrimEnd(','), CultureInfo.InvariantCulture)), CancellationToken.None);
        times.Sort();
        return times;
    }
}
