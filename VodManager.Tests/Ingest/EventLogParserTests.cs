using VodManager.Core.Ingest;
using VodManager.Core.Streams;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Ingest;

public sealed class EventLogParserTests : IDisposable
{
    private readonly TempFolder _folder = new("events");

    /// <summary>
    /// EventSub WebSocket messages as Twitch sends them (shapes from its reference), one per line as a bot logs them:
    /// the session's welcome and keepalives, a notification before the stream started, the stream going online, a raid,
    /// a follow, a gift.
    /// </summary>
    internal const string WebSocketLog = """
        {"metadata":{"message_id":"96a3f3b5-5dec-4eed-908e-e11ee657416c","message_type":"session_welcome","message_timestamp":"2023-07-19T09:58:51.634234626Z"},"payload":{"session":{"id":"AQoQILE98gtqShGmLD7AM6yJThAB","status":"connected","connected_at":"2023-07-19T09:58:51.616329898Z","keepalive_timeout_seconds":10,"reconnect_url":null}}}
        {"metadata":{"message_id":"0c2a4e0e-9b1f-4c5e-b7a5-2f7f6a1f0d11","message_type":"notification","message_timestamp":"2023-07-19T09:59:30.100000000Z","subscription_type":"channel.cheer","subscription_version":"1"},"payload":{"subscription":{"id":"a1","status":"enabled","type":"channel.cheer","version":"1","cost":0,"condition":{"broadcaster_user_id":"1337"},"transport":{"method":"websocket","session_id":"AQoQILE98gtqShGmLD7AM6yJThAB"},"created_at":"2023-07-19T09:58:52.0Z"},"event":{"is_anonymous":false,"user_name":"early","bits":100,"message":"warming up"}}}
        {"metadata":{"message_id":"84c1e79a-2a4b-4c13-ba0b-4312293e9308","message_type":"session_keepalive","message_timestamp":"2023-07-19T10:00:01.634234626Z"},"payload":{}}
        {"metadata":{"message_id":"befa7b53-d79d-478f-86b9-120f112b044e","message_type":"notification","message_timestamp":"2023-07-19T10:11:12.464757833Z","subscription_type":"channel.raid","subscription_version":"1"},"payload":{"subscription":{"id":"f1c2a387-161a-49f9-a165-0f21d7a4e1c4","status":"enabled","type":"channel.raid","version":"1","cost":0,"condition":{"to_broadcaster_user_id":"1337"},"transport":{"method":"websocket","session_id":"AQoQexAWVYKSTIu4ec_2VAxyuhAB"},"created_at":"2023-07-19T09:58:52.0Z"},"event":{"from_broadcaster_user_id":"1234","from_broadcaster_user_login":"cool_user","from_broadcaster_user_name":"Cool_User","to_broadcaster_user_id":"1337","to_broadcaster_user_login":"cooler_user","to_broadcaster_user_name":"Cooler_User","viewers":9001}}}
        {"metadata":{"message_id":"5d7b2c3a-8e1f-4b9a-9c6d-1e2f3a4b5c6d","message_type":"notification","message_timestamp":"2023-07-19T10:15:00.000000000Z","subscription_type":"channel.follow","subscription_version":"2"},"payload":{"subscription":{"id":"b2","status":"enabled","type":"channel.follow","version":"2","cost":0,"condition":{"broadcaster_user_id":"1337","moderator_user_id":"1337"},"transport":{"method":"websocket","session_id":"AQoQexAWVYKSTIu4ec_2VAxyuhAB"},"created_at":"2023-07-19T09:58:52.0Z"},"event":{"user_id":"1234","user_login":"cool_user","user_name":"Cool_User","followed_at":"2023-07-19T10:15:00.0Z"}}}
        {"metadata":{"message_id":"7f9d4e5c-0a3b-4d1c-9e8f-3a4b5c6d7e8f","message_type":"notification","message_timestamp":"2023-07-19T10:00:02.000000000Z","subscription_type":"stream.online","subscription_version":"1"},"payload":{"subscription":{"id":"d4","status":"enabled","type":"stream.online","version":"1","cost":0,"condition":{"broadcaster_user_id":"1337"},"transport":{"method":"websocket","session_id":"AQoQexAWVYKSTIu4ec_2VAxyuhAB"},"created_at":"2023-07-19T09:58:52.0Z"},"event":{"id":"9001","broadcaster_user_id":"1337","broadcaster_user_login":"cooler_user","broadcaster_user_name":"Cooler_User","type":"live","started_at":"2023-07-19T10:00:00Z"}}}
        {"metadata":{"message_id":"6e8c3d4b-9f2a-4c0b-8d7e-2f3a4b5c6d7e","message_type":"notification","message_timestamp":"2023-07-19T10:20:00Z","subscription_type":"channel.subscription.gift","subscription_version":"1"},"payload":{"subscription":{"id":"c3","status":"enabled","type":"channel.subscription.gift","version":"1","cost":0,"condition":{"broadcaster_user_id":"1337"},"transport":{"method":"websocket","session_id":"AQoQexAWVYKSTIu4ec_2VAxyuhAB"},"created_at":"2023-07-19T09:58:52.0Z"},"event":{"user_id":"1234","user_login":"cool_user","user_name":"Cool_User","broadcaster_user_id":"1337","total":5,"tier":"2000","cumulative_total":284,"is_anonymous":false}}}
        """;

    [Fact]
    public async Task EventSub_websocket_messages_count_from_the_streams_start_and_session_messages_are_skipped()
    {
        var path = _folder.File("eventsub.jsonl");
        await File.WriteAllTextAsync(path, WebSocketLog);

        var events = await Parsers.EventsAsync(path, clockStart: new DateTime(2023, 7, 19, 10, 0, 0, DateTimeKind.Utc));

        // The cheer came before the stream started: before its video, left out.
        Assert.Equal([(StreamEventType.Raid, 672.4647578, 9001.0), (StreamEventType.GiftSubs, 1200, 5)], events.Select(e => (e.Type, Math.Round(e.OffsetSeconds, 7), e.Magnitude)));
        Assert.Equal(["raid from Cool_User with 9001 viewers", "5 gift subs from Cool_User (tier 2)"], events.Select(e => e.Detail));

        // With no stream yet the first notification is the start.
        var fromFirst = await Parsers.EventsAsync(path);
        Assert.Equal([0, 702.3647578, 1229.9], fromFirst.Select(e => Math.Round(e.OffsetSeconds, 7)));
    }

    [Fact]
    public async Task EventSub_messages_wholly_before_the_stream_or_with_a_bad_time_are_refused()
    {
        var path = _folder.File("eventsub.jsonl");
        await File.WriteAllTextAsync(path, WebSocketLog);

        var before = await Assert.ThrowsAsync<IngestException>(() => Parsers.EventsAsync(path, clockStart: new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Contains("all 3 events are from before the stream's start (2024-01-01 00:00:00 UTC; the log begins 2023-07-19 09:59:30 UTC)", before.Message);

        var late = await Assert.ThrowsAsync<IngestException>(() => Parsers.EventsAsync(path, end: 900, clockStart: new DateTime(2023, 7, 19, 10, 0, 0, DateTimeKind.Utc)));
        Assert.Contains("the notification of 2023-07-19T10:20:00Z, 1200 s after the stream's start, is past the end of the stream (900 s)", late.Message);

        await File.WriteAllTextAsync(path, WebSocketLog.Replace("2023-07-19T10:11:12.464757833Z", "yesterday"));
        var bad = await Assert.ThrowsAsync<IngestException>(() => Parsers.EventsAsync(path, clockStart: new DateTime(2023, 7, 19, 10, 0, 0, DateTimeKind.Utc)));
        Assert.Contains("metadata.message_timestamp \"yesterday\" is not a UTC time", bad.Message);
        Assert.Contains("line 4", bad.Message);
    }

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
    public Task Bad_events_are_refused_naming_the_line(string content, string expected) =>
        Parsers.AssertRefusedAsync(_folder.File("bad-events.jsonl"), content, path => Parsers.EventsAsync(path), expected);

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
