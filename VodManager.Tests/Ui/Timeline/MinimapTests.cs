using Bunit;
using MudBlazor;
using VodManager.Core.Editing;
using VodManager.Web.Components.Timeline;

namespace VodManager.Tests.Ui.Timeline;

/// <summary>The minimap's highlight ranges on a real-length stream.</summary>
public sealed class MinimapTests : UiTest
{
    [Fact]
    public void Ranges_too_narrow_for_their_rank_show_none_so_two_side_by_side_do_not_read_as_one_number()
    {
        // A real 3 h 36 min stream at 850 px: #2 and #4 were 92 s apart (about 6 px each), drawn as "24".
        const double length = 12_960;
        Render<MudPopoverProvider>();
        var minimap = Render<Minimap>(p => p
            .Add(m => m.Scale, new TimelineScale(0, length, 850))
            .Add(m => m.Timeline, new StreamTimeline(length, 60, new double[216], new TimelineSignals(new double[216], new double[216], new double[216], new double[216]), [], Source: null, Media: null))
            .Add(m => m.Highlights, [
                new HighlightRow { Id = 1, Rank = 1, DetectedStart = 10_426, DetectedEnd = 10_474, Score = 1.6 },
                new HighlightRow { Id = 2, Rank = 2, DetectedStart = 6_604, DetectedEnd = 6_652, Score = 1.6 },
                new HighlightRow { Id = 4, Rank = 4, DetectedStart = 6_696, DetectedEnd = 6_744, Score = 0.9 },
                new HighlightRow { Id = 10, Rank = 10, DetectedStart = 4_008, DetectedEnd = 4_058, Score = 0.8 },
            ]));

        string? Rank(int id) => minimap.Find($"[data-testid=minimap-range][data-highlight-id='{id}']").QuerySelector(".range-rank")?.TextContent;
        Assert.Equal(("1", "10"), (Rank(1), Rank(10))); // alone: widened to 18 px, room for two digits
        Assert.Equal((null, null), (Rank(2), Rank(4)));
        // Still named for the pointer and for screen readers.
        var second = minimap.Find("[data-testid=minimap-range][data-highlight-id='2']");
        Assert.StartsWith("Open highlight #2:", second.GetAttribute("aria-label"));
        Assert.StartsWith("#2 ·", second.GetAttribute("title"));
    }

    /// <summary>The minimap of an hour's stream, 900 px wide, whose source is <paramref name="source"/>.</summary>
    private IRenderedComponent<Minimap> HourWith(Func<double, TimelineSource> source)
    {
        const double length = 3_600;
        Render<MudPopoverProvider>();
        return Render<Minimap>(p => p
            .Add(m => m.Scale, new TimelineScale(0, length, 900))
            .Add(m => m.Timeline, new StreamTimeline(length, 60, new double[60], new TimelineSignals(new double[60], new double[60], new double[60], new double[60]), [], source(length), Media: null)));
    }

    [Fact]
    public void The_stretches_twitch_muted_are_marked_on_the_audio_lane_only()
    {
        var minimap = HourWith(length => new TimelineSource(3, "streams/1/source.mp4", length, 2_000_000, 1280, 720, "h264", MutedStretches: "900-1080,1800-1810"));

        var marks = minimap.FindAll("[data-testid=muted-stretch]");
        Assert.Equal(2, marks.Count);
        Assert.All(marks, m => Assert.Equal("audio", m.ParentElement!.GetAttribute("data-signal")));
        Assert.Equal("Twitch muted the sound 15:00.0–18:00.0", marks[0].GetAttribute("title"));
        Assert.Contains("left:25%", marks[0].GetAttribute("style"));
        Assert.Contains("width:5%", marks[0].GetAttribute("style"));
    }

    [Fact]
    public void Where_the_broadcast_reconnected_is_marked_on_the_chat_lane_only()
    {
        var minimap = HourWith(length => new TimelineSource(3, "streams/1/source.mp4", length, 2_000_000, 1280, 720, "h264", StoredReconnects: "900,2700"));

        var marks = minimap.FindAll("[data-testid=reconnect-mark]");
        Assert.Equal(2, marks.Count);
        Assert.All(marks, m => Assert.Equal("chat", m.ParentElement!.GetAttribute("data-signal")));
        Assert.Equal("The broadcast reconnected at 15:00: from here Twitch's chat can run ahead of the video by as long as the stream was down", marks[0].GetAttribute("title"));
        Assert.Contains("left:75%", marks[1].GetAttribute("style"));
    }
}
