using VodManager.Core.Cutting;
using VodManager.Core.Media;
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

        var (_, output) = await s.CutNewAsync(CutMode.Smart, start, end);

        var source = await TestMedia.GetAsync(Source);
        var sourceFrames = await s.AssertHoldsSourceFramesAsync(source, output, start, end);

        // And the first picture is the source's first frame in the range, not its neighbour.
        var verifier = s.Host.Get<SmartCutVerifier>();
        Assert.Equal(0, await verifier.FirstFrameErrorAsync(source, output, sourceFrames[0], 30, s.Host.Folder.Path, CancellationToken.None));
        await s.AssertNothingLeftBehindAsync();
    }
}
