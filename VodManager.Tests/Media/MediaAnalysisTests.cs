using VodManager.Core.Media;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Media;

/// <summary>Real ffmpeg/ffprobe on generated media with known keyframes and a known loud moment.</summary>
public sealed class MediaAnalysisTests
{
    private static readonly TestPatternSpec NoAudio = new(6, Audio: false);

    private static KeyframeReader Keyframes() => new(new FfprobeRunner(new FfmpegOptionsProvider(
        Microsoft.Extensions.Options.Options.Create(new MediaOptions()), new VodManager.Core.DataPaths(Path.GetTempPath()))));

    [Fact]
    public async Task Probe_reads_duration_codecs_and_size()
    {
        var info = await TestMedia.Probe().ProbeAsync(await TestMedia.GetAsync(), CancellationToken.None);

        Assert.InRange(info.DurationSeconds, 19.9, 20.2);
        Assert.Equal("h264", info.VideoCodec);
        Assert.Equal("aac", info.AudioCodec);
        Assert.Equal(320, info.Width);
        Assert.Equal(180, info.Height);
        Assert.InRange(info.FrameRate ?? 0, 29.9, 30.1);
    }

    [Fact]
    public async Task Probe_refuses_a_file_that_is_not_media()
    {
        using var folder = new TempFolder();
        var fake = folder.File("notes.mp4");
        await File.WriteAllTextAsync(fake, "this is a text file pretending to be a video");

        var error = await Assert.ThrowsAsync<FfmpegException>(() => TestMedia.Probe().ProbeAsync(fake, CancellationToken.None));
        Assert.Contains("notes.mp4", error.Message);
    }

    [Fact]
    public async Task Keyframes_follow_the_two_second_gop()
    {
        var keyframes = await Keyframes().ReadAsync(await TestMedia.GetAsync(), CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => i * 2.0), keyframes.Select(k => Math.Round(k, 2)));
    }

    [Fact]
    public async Task Loudness_per_second_finds_the_loud_moment()
    {
        var levels = await new LoudnessAnalyzer(TestMedia.Runner()).MeasureAsync(await TestMedia.GetAsync(), 20, null, CancellationToken.None);

        Assert.InRange(levels.Length, 19, 21);
        var loud = levels[8..10].Min();
        var quiet = levels[1..7].Concat(levels[12..19]).Max();
        Assert.True(loud - quiet > 15, $"loud moment {loud:0.0} LUFS should stand well above the rest ({quiet:0.0} LUFS)");
    }

    [Fact]
    public async Task Loudness_of_media_without_audio_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<FfmpegException>(() =>
            TestMedia.GetAsync(NoAudio).ContinueWith(t => new LoudnessAnalyzer(TestMedia.Runner()).MeasureAsync(t.Result, 6, null, CancellationToken.None)).Unwrap());
        Assert.Contains("no audio", error.Message);
    }

    [Fact]
    public async Task A_cancelled_run_stops_ffmpeg_and_leaves_no_output()
    {
        using var folder = new TempFolder();
        var output = folder.File("long.mp4");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
        var spec = new TestPatternSpec(600, Width: 640, Height: 360);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            TestMedia.Runner().RunAsync(FfmpegArguments.TestPattern(spec, output), output, TimeSpan.FromSeconds(600), null, cts.Token));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Keyframe_at_or_before_tolerates_rounding_and_clamps_to_zero()
    {
        var index = new MediaIndex([0, 2.002, 4.004], []);
        Assert.Equal(2.002, index.KeyframeAtOrBefore(2.0015));
        Assert.Equal(2.002, index.KeyframeAtOrBefore(3.9));
        Assert.Equal(4.004, index.KeyframeAtOrBefore(100));
        Assert.Equal(0, index.KeyframeAtOrBefore(-1));
    }
}
