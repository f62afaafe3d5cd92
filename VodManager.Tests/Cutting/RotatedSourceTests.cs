using VodManager.Core.Cutting;
using VodManager.Core.Media;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Cutting;

/// <summary>
/// A phone's portrait recording: landscape frames (320x180 here) that a display matrix turns upright. It is measured
/// as a player shows it, and a smart cut keeps the frames as stored with the turn, so the clip plays upright throughout
/// (its re-encoded edges had been turned upright while the copied middle stayed sideways: one clip, two frame sizes).
/// </summary>
public sealed class RotatedSourceTests
{
    private static readonly TestPatternSpec Landscape = new(20);

    [Theory]
    [InlineData(0, 320, 180)]
    [InlineData(90, 180, 320)]
    [InlineData(180, 320, 180)]
    [InlineData(270, 180, 320)]
    public async Task A_video_is_measured_as_a_player_shows_it(int rotation, int width, int height)
    {
        var video = rotation == 0 ? await TestMedia.GetAsync(Landscape) : await TestMedia.GetRotatedAsync(Landscape, rotation);

        var media = await TestMedia.Probe().ProbeAsync(video, CancellationToken.None);

        Assert.Equal((width, height, rotation), (media.Width, media.Height, media.Rotation));
    }

    [Theory]
    [InlineData(90)]
    [InlineData(270)]
    public async Task A_smart_cut_of_a_portrait_phone_video_keeps_the_frames_as_stored_and_the_turn(int rotation)
    {
        await using var s = await CutScenario.StartAsync(await TestDatabase.SettingsAsync(DatabaseEngine.Sqlite), Landscape, rotation: rotation);
        Assert.Equal((180, 320), (s.Source.Width, s.Source.Height));

        var (clip, output) = await s.CutNewAsync(CutMode.Smart, 3.3, 12.7);

        Assert.Equal((180, 320), (clip.Width, clip.Height));
        Assert.Equal(rotation, (await TestMedia.Probe().ProbeAsync(output, CancellationToken.None)).Rotation);

        // Every frame as stored, edges and middle alike.
        var sizes = new HashSet<string>();
        await s.Host.Get<FfprobeRunner>().RunAsync(
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "frame=width,height", "-of", "csv=p=0", output],
            line =>
            {
                if (line.Trim().TrimEnd(',') is { Length: > 0 } size) // a frame's side data (its turn) prints a line of its own
                {
                    sizes.Add(size);
                }
            }, CancellationToken.None);
        Assert.Equal(["320,180"], sizes);

        // And upright, from the source's first frame of the range on.
        var source = await TestMedia.GetRotatedAsync(Landscape, rotation);
        Assert.Equal(0, await s.Host.Get<SmartCutVerifier>().FirstFrameErrorAsync(source, output, 3.3, 30, s.Host.Folder.Path, CancellationToken.None));
        await s.AssertNothingLeftBehindAsync();
    }
}
