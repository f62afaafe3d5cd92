using VodManager.Core.Ingest;
using VodManager.Core.Streams;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Ingest;

public sealed class EventLogParserTests : IDisposable
{
    private readonly TempFolder _folder = new("events");

    [Fact]
    public async Task EventSub_types_and_short_aliases_read_their_magnitudes()
    {
        var path = _folder.File("events.jsonl");
        await File.WriteAllTextAsync(path, """
            {"type":"channel.raid","offset_seconds":148,"event":{"from_broadcaster_user_name":"friend","viewers":250}}
            {"type":"channel.cheer","offset_seconds":30,"event":{"user_name":"v7","bits":"500"}}

            {"type":"channel.subscription.gift","offset_seconds":95.5,"event":{"user_name":"pq","total":10,"tier":"1000"}}
            {"type":"channel.subscribe","offset_seconds":96,"event":{"user_name":"s","tier":"3000"}}
            {"type":"channel.hype_train.progress","offset_seconds":210,"event":{"level":3}}
            {"type":"channel.channel_points_custom_reward_redemption.add","offset_seconds":45,"event":{"user_name":"v11","reward":{"title":"Hydrate"}}}
            {"type":"channel.follow","offset_seconds":50,"event":{"user_name":"newbie"}}
            {"type":"raid","offset_seconds":300,"viewers":12}
            {"type":"gift_subs","offset_seconds":310,"magnitude":5}
            {"type":"hype_train","offset_seconds":320,"level":2}
            {"type":"cheer","offset_seconds":330,"bits":100}
            {"type":"sub","offset_seconds":340}
            {"type":"redemption","offset_seconds":350,"reward":"Dance"}
            """);

        var events = await Parsers.EventsAsync(path);

        Assert.Equal(
            [
                (StreamEventType.Raid, 148, 250), (StreamEventType.Cheer, 30, 500), (StreamEventType.GiftSubs, 95.5, 10), (StreamEventType.Sub, 96, 3),
                (StreamEventType.HypeTrain, 210, 3), (StreamEventType.Redemption, 45, 1), (StreamEventType.Raid, 300, 12), (StreamEventType.GiftSubs, 310, 5),
                (StreamEventType.HypeTrain, 320, 2), (StreamEventType.Cheer, 330, 100), (StreamEventType.Sub, 340, 1), (StreamEventType.Redemption, 350, 1),
            ],
            events.Select(e => (e.Type, e.OffsetSeconds, e.Magnitude)));
        Assert.Equal("raid from friend with 250 viewers", events[0].Detail);
        Assert.Equal("redemption \"Hydrate\" by v11", events[5].Detail);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("\n\n", "no events found")]
    [InlineData("{\"type\":\"raid\",\"offset_seconds\":1,\"viewers\":5}\n{\"type\":\"raid\",\"offset_se", "line 2")]
    [InlineData("{\"type\":\"raid\",\"offset_seconds\":-3}", "offset_seconds -3 is negative")]
    [InlineData("{\"type\":\"raid\",\"offset_seconds\":\"later\"}", "no numeric \"offset_seconds\"")]
    [InlineData("{\"type\":\"party\",\"offset_seconds\":3}", "unknown event type \"party\"")]
    [InlineData("{\"offset_seconds\":3}", "has no \"type\"")]
    [InlineData("[1,2,3]", "expected a JSON object")]
    [InlineData("WEBVTT\n\n00:00.000 --> 00:01.000\nhi", "not a JSON object")]
    [InlineData("{\"type\":\"cheer\",\"offset_seconds\":3,\"bits\":-100}", "magnitude -100 is out of range")]
    public async Task Bad_events_are_refused_naming_the_line(string content, string expected)
    {
        var path = _folder.File("bad-events.jsonl");
        await File.WriteAllTextAsync(path, content);

        var error = await Assert.ThrowsAsync<IngestException>(() => Parsers.EventsAsync(path));

        Assert.Contains("'bad-events.jsonl'", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task An_event_past_the_end_of_the_stream_is_refused()
    {
        var path = _folder.File("late.jsonl");
        await File.WriteAllTextAsync(path, "{\"type\":\"raid\",\"offset_seconds\":10,\"viewers\":5}\n{\"type\":\"raid\",\"offset_seconds\":700,\"viewers\":5}\n");

        var error = await Assert.ThrowsAsync<IngestException>(() => Parsers.EventsAsync(path, end: 605));

        Assert.Equal(2, error.Line);
        Assert.Contains("past the end of the stream (605 s)", error.Message);
    }

    public void Dispose() => _folder.Dispose();
}
