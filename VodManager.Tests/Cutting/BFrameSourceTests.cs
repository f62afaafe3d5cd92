using VodManager.Core.Cutting;
using VodManager.Core.Media;
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

        var (_, output) = await s.CutNewAsync(CutMode.Smart, start, end);

        var clipFrames = await s.FrameTimesAsync(output);
        Assert.Equal(clipFrames.Count, clipFrames.Distinct().Count());
        await s.AssertHoldsSourceFramesAsync(await TestMedia.GetAsync(Source), output, start, end);
        await s.AssertNothingLeftBehindAsync();
    }

    [Fact]
    public async Task The_smart_cut_check_refuses_a_join_that_holds_a_frame_twice()
    {
        // The parts joined as before: the middle copied up to the next keyframe's own time.
        await using var s = await CutScenario.StartAsync(await TestDatabase.SettingsAsync(DatabaseEngine.Sqlite), Source);
        var source = await TestMedia.GetAsync(Source);
        var bounds = new ClipBounds(3.3, 12.7);
        var keyframes = await s.Host.Get<KeyframeReader>().ReadAsync(source, CancellationToken.None);
        var plan = SmartCutPlan.Create(keyframes, bounds, 1 / 30.0);
        using var work = new TempFolder("repeated-frames");
        var parts = plan.Parts.Select((p, i) => new SmartPartOutput(p.Start, p.Duration, p.Copy, work.File($"part{i}.ts"))).ToList();
        var ffmpeg = s.Host.Get<FfmpegRunner>();
        await ffmpeg.RunAsync(FfmpegArguments.SmartParts(source, parts, null, new ReencodeSettings("ultrafast", 23, 128)), null, null, null, CancellationToken.None);
        await File.WriteAllTextAsync(work.File("parts.ffconcat"), FfmpegArguments.ConcatList(parts.Select(p => (p.Output, p.Duration))));
        await ffmpeg.RunAsync(FfmpegArguments.SmartJoin(work.File("parts.ffconcat"), null, 0, work.File("clip.mp4")), work.File("clip.mp4"), null, null, CancellationToken.None);

        var check = await s.Host.Get<SmartCutVerifier>().CheckAsync(work.File("clip.mp4"), bounds, plan, keyframes, 30, CancellationToken.None);

        Assert.False(check.Passed, check.ToString());
        Assert.True(check.RepeatedFrames > 0, check.ToString());
        Assert.InRange(check.JoinErrorFrames, 0, SmartCutCheck.ToleranceFrames + 0.05); // what alone had let it pass
    }
}
