using VodManager.Core.Media;

namespace VodManager.Tests.Media;

/// <summary>The scene scan's ffmpeg command: what makes a window cost its own length, not the rest of the VOD.</summary>
public sealed class SceneChangeArgumentsTests
{
    [Fact]
    public void SceneChanges_WindowDuration_LimitsTheInputNotTheOutput()
    {
        using var folder = new Fixtures.TempFolder("scenes");
        var source = folder.File("source.mp4");
        File.WriteAllBytes(source, []);

        var arguments = FfmpegArguments.SceneChanges(source, 170, 60, 0.3).Arguments;

        // select drops every frame of a window without a cut, so an output -t was never reached and ffmpeg decoded to the end.
        var input = arguments.IndexOf($"-i \"{source}\"", StringComparison.Ordinal);
        Assert.True(input > 0, arguments);
        Assert.Contains("-ss 170 -t 60", arguments[..input]);
        Assert.DoesNotContain("-t ", arguments[input..]);
    }
}
