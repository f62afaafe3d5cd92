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
        Assert.Contains($"[c0][a0]overlay=x=720-720*gte(t\\,0)-720*gte(t\\,1.5)+1440*gte(t\\,2.25)-2160*gte(t\\,4)+2160*gte(t\\,5):y={sheet.Top}:threads=1,format=yuv420p[v]", graph);
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

    [Fact]
    public void CaptionScroll_FindsEachLineOnceAndTheTopLineOfEveryState()
    {
        CaptionState Shows(params string[] lines) => new(0, 1, [new CaptionCue(0, 1, lines.Select(l => new CaptionLine(l, "u")).ToList())]);

        // a, b scroll up; c is alone after a pause; equal lines (spam) may share strips, as they look the same.
        var scroll = CaptionScroll.Windows([Shows("a", "b"), Shows("b", "c"), Shows("c"), Shows("x", "x"), Shows("x", "x", "y"), Shows("x", "y")]);

        Assert.NotNull(scroll);
        Assert.Equal(["a", "b", "c", "x", "x", "y"], scroll.Value.Lines.Select(l => l.Text));
        Assert.Equal([0, 1, 2, 3, 3, 4], scroll.Value.First);
        Assert.Null(CaptionScroll.Windows([new CaptionState(0, 1, [Cue(0, 1), Cue(0, 1)])]));
    }

    [Fact]
    public void CaptionSheet_Scroll_OnlyForARollingTrackAndOnEvenRowsInsideTheBand()
    {
        foreach (var profile in new[] { Draft, Shorts })
        {
            var layout = CaptionLayout.For(profile.Width, profile.Height, "DejaVu Sans");
            var chat = CaptionSheet.For(layout, layout.Chat, 5, Rolling(12, 5));

            var scroll = chat.Scroll();

            Assert.NotNull(scroll);
            Assert.Equal(12, scroll.Lines.Count);
            Assert.Equal(layout.Chat.FontSize, scroll.Pitch);
            Assert.All(new[] { scroll.Pitch, scroll.Offset, scroll.StripHeight }, v => Assert.Equal(0, v % 2));
            Assert.Equal(chat.BandStyle().MarginVertical, scroll.Offset + scroll.StripMargin); // lines where libass puts them in a whole state
            Assert.True(scroll.Offset + 4 * scroll.Pitch + scroll.StripHeight <= chat.Height);
            Assert.True(scroll.StripMargin >= layout.Chat.Outline && scroll.StripHeight >= scroll.StripMargin + scroll.Pitch + layout.Chat.Outline, "the box fits its strip");
            Assert.Null(Sheet(profile, [Cue(0, 1), Cue(1, 2)]).Scroll()); // spoken captions: bottom-aligned, nothing drawn twice
        }
    }

    [Fact]
    public void VerticalFilterGraph_RollingSheet_PutsEachStateTogetherFromStripsDrawnOnce()
    {
        var layout = CaptionLayout.For(720, 1280, "DejaVu Sans");
        var sheet = CaptionSheet.For(layout, layout.Chat, 3, Rolling(6, 3));
        var scroll = sheet.Scroll()!;

        var graph = FfmpegArguments.VerticalFilterGraph(1280, 720, Draft, Framing.Center, [new CaptionOverlay("/tmp/w/captions-0.ass", sheet, Scroll: scroll)]);

        var h = scroll.StripHeight;
        Assert.Contains($"color=c=black@0:s=720x{h}:r=1:d=6,setpts=PTS+0/TB,format=yuva420p,ass=filename=/tmp/w/captions-0.ass:alpha=1,tile=layout=1x7:color=black@0,setpts=0,loop=loop={sheet.States.Count - 1}:size=1,setpts=N/TB,split=3[s0_0][s0_1][s0_2];", graph);
        Assert.Contains($"pad=720:{sheet.Height}:0:{scroll.Offset + 2 * scroll.Pitch}:color=black@0[p0_2];[m0_1][p0_2]blend=c0_mode=lighten:c1_mode=grainmerge:c2_mode=grainmerge:c3_mode=lighten:threads=1[m0_2];", graph);
        Assert.Contains($"[m0_2]tile=layout={sheet.States.Count}x1:color=black@0,setpts=0[a0];[c0][a0]overlay=x={FfmpegArguments.CaptionPosition(720, sheet.States, 0, sheet.States.Count)}:y={sheet.Top}:threads=1", graph);
        var slots = Enumerable.Range(0, 3).Select(slot => System.Text.RegularExpressions.Regex.Match(graph, $@"\[s0_{slot}\]crop=w=720:h={h}:x=0:y=(.+?),pad=").Groups[1].Value).ToList();
        for (var n = 0; n < sheet.States.Count; n++)
        {
            var shown = sheet.States[n].Cues[0].Lines;
            for (var slot = 0; slot < 3; slot++)
            {
                var strip = Evaluate(slots[slot], n, "n") / h;
                Assert.Equal(slot < shown.Count ? shown[slot] : null, strip < 6 ? scroll.Lines[strip] : null);
            }
        }
    }

    [Fact]
    public void AssDocument_Strips_DrawEachLineOnceAtTheStripsMargin()
    {
        var layout = CaptionLayout.For(720, 1280, "DejaVu Sans");
        var sheet = CaptionSheet.For(layout, layout.Chat, 5, Rolling(8, 5));
        var scroll = sheet.Scroll()!;

        var strips = AssDocument.WriteStrips(sheet, scroll);

        Assert.Contains($"PlayResY: {scroll.StripHeight}\n", strips);
        Assert.Contains($",7,{layout.Chat.MarginLeft},{layout.Chat.MarginRight},{scroll.StripMargin},1\n", strips);
        Assert.Equal(8, strips.Split('\n').Count(l => l.StartsWith("Dialogue:", StringComparison.Ordinal)));
        Assert.Contains("Dialogue: 0,0:00:07.00,0:00:08.00,Chat,,0,0,0,,{\\c&H55DDFF&\\b1}u7:{\\r} m7\n", strips);
    }

    private static CaptionSheet Sheet(ExportProfile profile, IReadOnlyList<CaptionCue> cues)
    {
        var layout = CaptionLayout.For(profile.Width, profile.Height, "DejaVu Sans");
        return CaptionSheet.For(layout, layout.Spoken, TranscriptCaptions.MaxLines, cues);
    }

    /// <summary>Chat as the builder makes it: a message a second, each shown for <paramref name="lines"/> seconds, the newest at the bottom.</summary>
    private static List<CaptionCue> Rolling(int messages, int lines) =>
        ChatCaptions.Build(
            Enumerable.Range(0, messages).Select(i => new VodManager.Core.Data.Entities.ChatMessage { OffsetSeconds = i, AuthorName = $"u{i}", Text = $"m{i}" }),
            clipStart: 0, clipDuration: messages + lines, messageSeconds: lines, maxLines: lines, maxCharsPerLine: 40, GlyphCoverage.Everything).ToList();

    private static CaptionCue Cue(double start, double end) => new(start, end, [new CaptionLine($"at {start}")]);

    private static CaptionState State(double start, double end) => new(start, end, [Cue(start, end)]);

    /// <summary>Evaluates the "w±d*gte(t\,T)..." sums the builder writes (of t, or of n), as ffmpeg's expression parser would.</summary>
    private static int Evaluate(string expression, double t, string variable = "t")
    {
        var terms = System.Text.RegularExpressions.Regex.Matches(expression, $@"([+-]?\d+)\*gte\({variable}\\,([\d.]+)\)");
        var firstTerm = expression.IndexOfAny(['+', '-'], 1);
        var value = int.Parse(firstTerm < 0 ? expression : expression[..firstTerm], System.Globalization.CultureInfo.InvariantCulture);
        return value + terms.Sum(m => t >= double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
    }
}
