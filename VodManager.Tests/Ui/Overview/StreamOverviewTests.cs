using Bunit;
using VodManager.Core.Editing;
using VodManager.Core.Streams;
using VodManager.Web.Components.Overview;

namespace VodManager.Tests.Ui.Overview;

/// <summary>The stream page's numbers: chat that goes on after the video ends is counted and said, apart from the chat within it.</summary>
public sealed class StreamOverviewTests : UiTest
{
    private static readonly StreamSummary Stream = new(1, "VOD 955629991", "LiiHS", new DateTime(2021, 3, 19, 21, 55, 0, DateTimeKind.Utc), 20, 3, new DateTime(2021, 3, 26, 12, 0, 0, DateTimeKind.Utc), false, false, null, 0, 0);

    private static StreamTimeline Timeline(long chatAfterSource, string? muted = null, string? reconnects = null) =>
        new(20, 1, [4, 3, 2], new TimelineSignals([0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]), [],
            new TimelineSource(3, "streams/1/source.mp4", 20, 2_000_000, 1280, 720, "h264", MutedStretches: muted, StoredReconnects: reconnects), null, chatAfterSource);

    private IRenderedComponent<StreamOverview> Overview(long chatAfterSource, string? muted = null, string? reconnects = null) =>
        Render<StreamOverview>(p => p.Add(c => c.Stream, Stream).Add(c => c.Timeline, Timeline(chatAfterSource, muted, reconnects)));

    [Fact]
    public void Chat_after_the_video_ends_is_counted_apart_with_a_warning()
    {
        Render<MudBlazor.MudPopoverProvider>();

        var overview = Overview(2380);

        var chatRow = overview.FindAll("tr").Single(r => r.TextContent.Contains("Chat messages", StringComparison.Ordinal));
        Assert.StartsWith("9", chatRow.QuerySelector("td.num")!.TextContent.Trim());
        Assert.Equal("+ 2,380 after the video ends", overview.Find("[data-testid=chat-after-source]").TextContent.Trim());
    }

    [Fact]
    public void Chat_within_the_video_says_nothing_more()
    {
        var overview = Overview(0);

        Assert.Empty(overview.FindAll("[data-testid=chat-after-source]"));
        Assert.Empty(overview.FindAll("[data-testid=overview-muted]"));
        Assert.Empty(overview.FindAll("[data-testid=overview-reconnects]"));
        Assert.Empty(overview.FindAll("[data-testid=overview-chat-moved]"));
    }

    [Fact]
    public void A_chat_an_editor_moved_says_by_how_much_and_from_where()
    {
        Render<MudBlazor.MudPopoverProvider>();

        var overview = Render<StreamOverview>(p => p.Add(c => c.Stream, Stream with { ChatMoves = "600:-95;0:12.5" }).Add(c => c.Timeline, Timeline(0)));

        var row = overview.Find("[data-testid=overview-chat-moved]");
        Assert.StartsWith("Chat moved", row.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("95.0 s earlier from 10:00.0, then 12.5 s later", row.QuerySelector("td.num")!.TextContent.Trim());
    }

    [Fact]
    public void Where_the_broadcast_reconnected_is_counted_and_listed()
    {
        Render<MudBlazor.MudPopoverProvider>();

        var row = Overview(0, reconnects: "3723.5,7800").Find("[data-testid=overview-reconnects]");

        Assert.StartsWith("Reconnects", row.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("2", row.QuerySelector("td.num")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1:02:03.5, 2:10:00.0", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_parts_twitch_muted_are_summed_and_the_first_listed()
    {
        Render<MudBlazor.MudPopoverProvider>();

        var row = Overview(0, "4-12,20-30,40-41.5,50-52,60-70").Find("[data-testid=overview-muted]");

        Assert.Contains("0:31 by Twitch", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("0:04.0–0:12.0, 0:20.0–0:30.0, 0:40.0–0:41.5 and 2 more", row.TextContent, StringComparison.Ordinal);
    }
}
