using VodManager.Core.Export;
using VodManager.Core.Export.Captions;
using VodManager.Core.Media;

namespace VodManager.Tests.Media;

/// <summary>
/// The vertical export's filter graph as built, without running ffmpeg: the frame rate first, the framing's crop, and
/// caption sheets pasted by overlays whose position steps through the states. What the frames look like is asserted by
/// the export's end-to-end tests.
/// </summary>
public sealed class ExportArgumentsTests
{
    private static readonly ExportProfile Draft = new() { Width = 720, Height = 1280, Preset = "ultrafast", VideoBitrateKbps = 2500, FrameRate = 30 };
    private static readonly ExportProfile Shorts = new() { Width = 1080, Height = 1920 };

    [Fact]
    public void VerticalFilterGraph_WithoutCaptions_SetsTheRateFirstThenCropsAndScales()
    {
        var graph = FfmpegArguments.VerticalFilterGraph(1280, 720, Draft, Framing.Center, []);

        Assert.Equal("[0:v]fps=30,crop=404:718:438:1,scale=720:1280:flags=lanczos,setsar=1,format=yuv420p[v]", graph);
        Assert.DoesNotContain("fps", FfmpegArguments.VerticalFilterGraph(1280, 720, Shorts, Framing.Center, []));
    }

    [Fact]
    public void VerticalFilterGraph_Blur_SplitsAfterTheRate()
    {
        var graph = FfmpegArguments.VerticalFilterGraph(1280, 720, Draft, Framing.Blur, []);

        Assert.StartsWith("[0:v]fps=30,split=2[bg][fg];", graph);
        Assert.EndsWith("[back][front]overlay=(W-w)/2:(H-h)/2,setsar=1,format=yuv420p[v]", graph);
    }

    [Fact]
    public void VerticalFilterGraph_CaptionSheet_DrawsEachStateOnceAndPastesItAtTheBand()
    {
        var sheet = Sheet(Draft, [Cue(0, 1.5), Cue(1.5, 2.25), Cue(4, 5)]);

        var graph = FfmpegArguments.VerticalFilterGraph(1280, 720, Draft, Framing.Center, [new CaptionOverlay("/tmp/w/captions-0.ass", sheet)]);

        Assert.Contains($"color=c=black@0:s=720x{sheet.Height}:r=1:d=3,setpts=PTS+0/TB,format=yuva420p,ass=filename=/tmp/w/captions-0.ass:alpha=1,tile=layout=3x1:color=black@0,setpts=0[a0];", graph);
        Assert.Contains($"[c0][a0]overlay=x=720-720*gte(t\\,0)-720*gte(t\\,1.5)+1440*gte(t\\,2.25)-2160*gte(t\\,4)+2160*gte(t\\,5):y={sheet.Top},format=yuv420p[v]", graph);
    }

    [Fact]
    public void CaptionPosition_PutsTheCurrentStateOnTheFrameAndNothingBetweenStates()
    {
        var states = new[] { State(0, 1.5), State(1.5, 2.25), State(4, 5) };

        var expression = FfmpegArguments.CaptionPosition(720, states, 0, 3);

        Assert.Equal(0, Evaluate(expression, 0));
        Assert.Equal(0, Evaluate(expression, 1.49));
        Assert.Equal(-720, Evaluate(expression, 1.5));
        Assert.Equal(720, Evaluate(expression, 3)); // between states: right of the frame
        Assert.Equal(-1440, Evaluate(expression, 4.5));
        Assert.Equal(720, Evaluate(expression, 5));
    }

    [Fact]
    public void VerticalFilterGraph_MoreStatesThanOnePictureHolds_SplitsThemOverSeveralOverlays()
    {
        var perAtlas = FfmpegArguments.MaxCaptionAtlasWidth / Shorts.Width;
        var sheet = Sheet(Shorts, Enumerable.Range(0, perAtlas + 2).Select(i => Cue(i, i + 1)).ToList());

        var graph = FfmpegArguments.VerticalFilterGraph(1280, 720, Shorts, Framing.Center, [new CaptionOverlay("/tmp/s.ass", sheet)]);

        Assert.Contains($"d={perAtlas},setpts=PTS+0/TB,", graph);
        Assert.Contains($"d=2,setpts=PTS+{perAtlas}/TB,", graph);
        Assert.Contains("[c1][a1]overlay=x=1080-1080*gte(t\\,", graph);
        Assert.DoesNotContain("[a2]", graph);
    }

    [Fact]
    public void VerticalFilterGraph_PerFrameCaptions_AreDrawnOnTheFrameWithoutAPicture()
    {
        var sheet = Sheet(Draft, [Cue(0, 1.5), Cue(4, 5)]);

        var graph = FfmpegArguments.VerticalFilterGraph(1280, 720, Draft, Framing.Center, [new CaptionOverlay("/tmp/w/captions-0.ass", sheet, PerFrame: true)]);

        Assert.EndsWith(",setsar=1,ass=filename=/tmp/w/captions-0.ass,format=yuv420p[v]", graph);
        Assert.DoesNotContain("overlay", graph);
        Assert.DoesNotContain("alpha=1", graph);
    }

    [Fact]
    public void AssDocument_Timed_PlacesEachStateOnTheClipsClockOverTheWholeFrame()
    {
        var sheet = Sheet(Draft, [Cue(0, 1.5), Cue(4, 5.25)]);

        var timed = AssDocument.WriteTimed(sheet);
        var once = AssDocument.WriteSheet(sheet);

        Assert.Contains("PlayResY: 1280\n", timed);
        Assert.Contains($"PlayResY: {sheet.Height}\n", once);
        Assert.Contains("Dialogue: 0,0:00:04.00,0:00:05.25,Caption", timed);
        Assert.Contains("Dialogue: 0,0:00:01.00,0:00:02.00,Caption", once);
        Assert.Equal(sheet.States.Count * 720L * sheet.Height * 5 / 2, sheet.HeldBytes);
    }

    [Fact]
    public void CaptionSheet_Bands_HoldTheirLinesInsideTheFrameOnEvenRows()
    {
        var layout = CaptionLayout.For(720, 1280, "DejaVu Sans");

        var spoken = CaptionSheet.For(layout, layout.Spoken, TranscriptCaptions.MaxLines, [Cue(0, 1)]);
        var chat = CaptionSheet.For(layout, layout.Chat, 5, [Cue(0, 1)]);

        Assert.True(spoken.Top + spoken.Height > 1280 - layout.Spoken.MarginVertical, "the spoken band reaches below the text's baseline");
        Assert.True(spoken.Height >= 2 * layout.Spoken.FontSize, $"{spoken.Height}");
        Assert.True(chat.Top < layout.Chat.MarginVertical && chat.Height >= 5 * layout.Chat.FontSize, $"{chat.Top} {chat.Height}");
        Assert.All(new[] { spoken.Top, spoken.Height, chat.Top, chat.Height }, v => Assert.Equal(0, v % 2));
        Assert.Equal(layout.Spoken.MarginVertical - (1280 - spoken.Top - spoken.Height), spoken.BandStyle().MarginVertical);
        Assert.Equal(layout.Chat.MarginVertical - chat.Top, chat.BandStyle().MarginVertical);
    }

    [Fact]
    public void CaptionSheet_OverlappingCues_ShareAState()
    {
        var layout = CaptionLayout.For(720, 1280, "DejaVu Sans");

        var sheet = CaptionSheet.For(layout, layout.Spoken, 2, [Cue(0, 2), Cue(1, 3)]);

        Assert.Equal([(0.0, 1.0, 1), (1.0, 2.0, 2), (2.0, 3.0, 1)], sheet.States.Select(s => (s.Start, s.End, s.Cues.Count)));
        Assert.Contains("Dialogue: 0,0:00:01.00,0:00:02.00,Caption", AssDocument.WriteSheet(sheet));
    }

    private static CaptionSheet Sheet(ExportProfile profile, IReadOnlyList<CaptionCue> cues)
    {
        var layout = CaptionLayout.For(profile.Width, profile.Height, "DejaVu Sans");
        return CaptionSheet.For(layout, layout.Spoken, TranscriptCaptions.MaxLines, cues);
    }

    private static CaptionCue Cue(double start, double end) => new(start, end, [new CaptionLine($"at {start}")]);

    private static CaptionState State(double start, double end) => new(start, end, [Cue(start, end)]);

    /// <summary>Evaluates the "w±d*gte(t\,T)..." sums the builder writes, as ffmpeg's expression parser would.</summary>
    private static int Evaluate(string expression, double t)
    {
        var terms = System.Text.RegularExpressions.Regex.Matches(expression, @"([+-]?\d+)\*gte\(t\\,([\d.]+)\)");
        var value = int.Parse(expression[..expression.IndexOfAny(['+', '-'], 1)], System.Globalization.CultureInfo.InvariantCulture);
        return value + terms.Sum(m => t >= double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
    }
}
