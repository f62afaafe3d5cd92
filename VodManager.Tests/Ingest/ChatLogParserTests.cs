using System.IO.Compression;
using System.Text;
using VodManager.Core.Ingest;
using VodManager.Core.Streams;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Ingest;

public sealed class ChatLogParserTests : IDisposable
{
    private readonly TempFolder _folder = new("chat");

    private const string Comment = """
        {"_id":"a1","content_offset_seconds":12.5,"commenter":{"_id":"42","name":"alice","display_name":"Alice"},
         "message":{"body":"Kappa hello Kappa","bits_spent":0,"fragments":[{"text":"Kappa","emoticon":{"emoticon_id":"25"}},{"text":" hello "},{"text":"Kappa","emoticon":{"emoticon_id":"25"}}],
                    "emoticons":[{"_id":"25","begin":0,"end":4},{"_id":"25","begin":12,"end":16}],"user_notice_params":{},"user_badges":[]}}
        """;

    /// <summary><see cref="Comment"/> at another offset under another id.</summary>
    private static string CommentAt(string offset, string id) => Comment.Replace("12.5", offset).Replace("\"a1\"", $"\"{id}\"");

    [Fact]
    public async Task Real_root_array_log_parses_every_comment_in_order()
    {
        var records = await Parsers.ChatAsync(Parsers.RealChat(Parsers.BigRealLog));

        Assert.Equal(2409, records.Count);
        Assert.Equal(172, records.Select(r => r.AuthorKey).Distinct().Count());
        Assert.Equal(101.796, records[0].OffsetSeconds, 3);
        Assert.Equal(27522.067, records[^1].OffsetSeconds, 3);
        Assert.Equal(3, records.Count(r => r.Bits > 0));
        Assert.Contains(records, r => r is { AuthorName: "LivvyLive", Text: "liiHappyCat livvylGGMug", Emotes: 2, AuthorId: "74028430" });
    }

    [Fact]
    public async Task Real_log_wrapped_as_TwitchDownloader_object_gives_the_same_lines()
    {
        var path = _folder.File("wrapped.json");
        await File.WriteAllTextAsync(path, "{\"streamer\":{\"name\":\"liihs\",\"id\":73626243},\"comments\":" + await File.ReadAllTextAsync(Parsers.RealChat(Parsers.SmallRealLog)) + ",\"embeddedData\":{\"firstParty\":[{\"data\":\"" + new string('A', 300_000) + "\"}]}}");

        var wrapped = await Parsers.ChatAsync(path);
        var bare = await Parsers.ChatAsync(Parsers.RealChat(Parsers.SmallRealLog));

        Assert.Equal(545, wrapped.Count);
        Assert.Equal(bare, wrapped);
    }

    /// <summary>Notepad's "Unicode" and PowerShell 5's `&gt;` save UTF-16 with a byte order mark: the same lines come out.</summary>
    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    public async Task Real_log_saved_as_utf16_gives_the_same_lines(string encoding)
    {
        var path = _folder.File($"{encoding}.json");
        var text = await File.ReadAllTextAsync(Parsers.RealChat(Parsers.SmallRealLog));
        await File.WriteAllTextAsync(path, text, encoding == "utf-16" ? System.Text.Encoding.Unicode : System.Text.Encoding.BigEndianUnicode);

        var utf16 = await Parsers.ChatAsync(path);
        var utf8 = await Parsers.ChatAsync(Parsers.RealChat(Parsers.SmallRealLog));

        Assert.Equal(545, utf16.Count);
        Assert.Equal(utf8, utf16);
        Assert.Contains(utf16, r => r.Text.Any(c => c > 127)); // its non-ASCII lines too
    }

    [Fact]
    public async Task Real_log_notices_become_raid_sub_and_gift_events()
    {
        var small = await Parsers.ChatAsync(Parsers.RealChat(Parsers.SmallRealLog));
        var raids = small.Where(r => r.Notice?.Type == StreamEventType.Raid).Select(r => r.Notice!).ToList();
        Assert.Equal([84.0, 36.0], raids.Select(r => r.Magnitude).Order().Reverse());
        Assert.Contains(raids, r => r.Sender == "bofur_hs");

        var big = await Parsers.ChatAsync(Parsers.RealChat(Parsers.BigRealLog));
        Assert.Contains(big, r => r.Notice is { Type: StreamEventType.Sub, Magnitude: 1 });
        Assert.Contains(big, r => r.Notice is { Type: StreamEventType.GiftSubs });
        Assert.Equal(3, big.Count(r => r.Notice?.Type == StreamEventType.Cheer));
    }

    [Theory]
    [InlineData(Parsers.SmallRealLog)]
    [InlineData(Parsers.BigRealLog)]
    public async Task A_real_log_saved_by_chat_downloader_gives_the_same_lines(string log)
    {
        var path = _folder.File("chat-downloader.json");
        Streams.RealChat.WriteAsChatDownloader(Parsers.RealChat(log), path);

        var saved = await Parsers.ChatAsync(path);
        var v5 = await Parsers.ChatAsync(Parsers.RealChat(log));

        Assert.Equal(v5.Count, saved.Count);
        Assert.Equal(
            v5.Select(r => (r.OffsetSeconds, r.AuthorKey, r.AuthorId, r.AuthorName, r.Text, r.Emotes > 0, r.Shape)),
            saved.Select(r => (r.OffsetSeconds, r.AuthorKey, r.AuthorId, r.AuthorName, r.Text, r.Emotes > 0, r.Shape)));
        var signals = await Parsers.ChatAsync(path, ChatReadMode.Signals);
        Assert.Equal(saved.Select(r => (r.OffsetSeconds, r.AuthorKey, r.Emotes, r.Shape)), signals.Select(r => (r.OffsetSeconds, r.AuthorKey, r.Emotes, r.Shape)));
    }

    [Theory]
    [InlineData(ChatReadMode.Full)]
    [InlineData(ChatReadMode.Signals)]
    public async Task A_real_chat_captured_live_by_chat_downloader_is_placed_by_its_times(ChatReadMode mode)
    {
        // chat-downloader recording a live stream writes each message's time (microseconds, UTC) and no offset.
        var path = _folder.File("live.json");
        Streams.RealChat.WriteAsChatDownloader(Streams.RealChat.Small, path, live: true);

        var (v5, fromStart) = await Parsers.AssertPlacedByTheirTimesAsync(path, mode, "comments");

        Assert.Equal(v5.Select(r => (r.AuthorKey, r.AuthorName, r.Text, r.Shape)), fromStart.Select(r => (r.AuthorKey, r.AuthorName, r.Text, r.Shape)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_real_log_exported_as_text_with_UTC_times_counts_from_the_streams_start(bool milliseconds)
    {
        var facts = Streams.RealChat.Of(Streams.RealChat.Small);
        var path = _folder.File("chat.txt");
        Streams.RealChat.WriteAsUtcText(Streams.RealChat.Small, path, milliseconds);
        var v5 = await Parsers.ChatAsync(Streams.RealChat.Small);

        var fromStart = await Parsers.ChatAsync(path, clockStart: facts.StartedAt);

        // Whole seconds lose what is below the second of each line's wall clock.
        var tolerance = milliseconds ? 0.002 : 1.0;
        Assert.Equal(v5.Count, fromStart.Count);
        Assert.All(v5.Zip(fromStart), p => Assert.InRange(p.Second.OffsetSeconds - p.First.OffsetSeconds, -tolerance, 0.002));
        Assert.Equal(v5.Select(r => (r.AuthorName, r.Text)), fromStart.Select(r => (r.AuthorName, r.Text)));

        // Without a stream (a new stream made from the log) the first line is the start.
        var fromFirst = await Parsers.ChatAsync(path);
        Assert.Equal(0, fromFirst[0].OffsetSeconds);
        Assert.Equal(fromStart.Select(r => r.OffsetSeconds - fromStart[0].OffsetSeconds), fromFirst.Select(r => r.OffsetSeconds), (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public async Task UTC_lines_before_the_streams_start_are_left_out_and_a_log_wholly_outside_the_stream_is_refused()
    {
        var facts = Streams.RealChat.Of(Streams.RealChat.Small);
        var path = _folder.File("chat.log");
        Streams.RealChat.WriteAsUtcText(Streams.RealChat.Small, path, milliseconds: true);
        var v5 = await Parsers.ChatAsync(Streams.RealChat.Small);

        var late = await Parsers.ChatAsync(path, clockStart: facts.StartedAt.AddSeconds(1000));
        Assert.Equal(v5.Count(r => r.OffsetSeconds >= 1000), late.Count);
        Assert.InRange(late[0].OffsetSeconds, 0, v5.First(r => r.OffsetSeconds >= 1000).OffsetSeconds - 1000 + 0.002);

        var before = await Assert.ThrowsAsync<IngestException>(() => Parsers.ChatAsync(path, clockStart: new DateTime(2026, 12, 1, 18, 0, 0, DateTimeKind.Utc)));
        Assert.Contains($"all {v5.Count} lines are from before the stream's start (2026-12-01 18:00:00 UTC; the log begins 2021-03-26 00:20:35 UTC)", before.Message);
        var after = await Assert.ThrowsAsync<IngestException>(() => Parsers.ChatAsync(path, clockStart: facts.StartedAt.AddDays(-60)));
        Assert.Contains("60 days after the stream's start", after.Message);
        Assert.Contains("line 1", after.Message);
    }

    [Theory]
    [InlineData("CET", 1.0)]
    [InlineData("W. Europe Standard Time", 1.0)]
    [InlineData("EDT", -4.0)]
    [InlineData("UTC-02:00", -2.0)] // 22:13 to 01:56 local: the clock passes midnight
    public async Task A_real_log_saved_by_chatterino_counts_its_local_clock_from_the_streams_start(string zone, double hours)
    {
        var facts = Streams.RealChat.Of(Streams.RealChat.Small);
        var path = _folder.File("liihs-2021-03-25.log");
        Streams.RealChat.WriteAsChatterino(Streams.RealChat.Small, path, zone, TimeSpan.FromHours(hours));
        var v5 = await Parsers.ChatAsync(Streams.RealChat.Small);

        var fromStart = await Parsers.ChatAsync(path, clockStart: facts.StartedAt);

        // Chatterino's "connected" line (before the stream's start here) and its header and stop lines are not chat.
        Assert.Equal(v5.Count, fromStart.Count);
        Assert.All(v5.Zip(fromStart), p => Assert.InRange(p.Second.OffsetSeconds - p.First.OffsetSeconds, -1.0, 0.002));
        Assert.Equal(v5.Select(r => (r.AuthorName.ToLowerInvariant(), r.Text)), fromStart.Select(r => (r.AuthorName.ToLowerInvariant(), r.Text)));
        var signals = await Parsers.ChatAsync(path, ChatReadMode.Signals, clockStart: facts.StartedAt);
        Assert.Equal(fromStart.Select(r => (r.OffsetSeconds, r.AuthorKey, r.Shape)), signals.Select(r => (r.OffsetSeconds, r.AuthorKey, r.Shape)));

        // An hour off in the zone puts every line an hour off: the zone is what turns the clock into the stream's time.
        var late = await Parsers.ChatAsync(path, clockStart: facts.StartedAt.AddHours(-1));
        Assert.Equal(fromStart[0].OffsetSeconds + 3600, late[0].OffsetSeconds, 1e-6);
    }

    [Fact]
    public async Task Chatterinos_own_lines_are_left_out_its_sub_notices_kept_and_twelve_hour_times_read()
    {
        var path = _folder.File("channel-2026-12-01.log");
        await File.WriteAllTextAsync(path, """
            # Start logging at 2026-12-01 23:58:00 UTC+01:00
            [11:58:01 PM] connected
            [11:58:05 PM] alice: hi chat
            [11:59:30 PM] bob subscribed at Tier 1. They've subscribed for 3 months!
            [11:59:59 PM] 鈴木 suzuki_jp: こんにちは
            [12:00:02 AM] Wednesday, 2 December 2026
            [12:00:04 AM] carol: past midnight
            [12:01:00 AM] disconnected
            # Stop logging at 2026-12-02 00:01:00UTC+01:00
            """);

        var records = await Parsers.ChatAsync(path, clockStart: new DateTime(2026, 12, 1, 22, 58, 3, DateTimeKind.Utc));

        Assert.Equal(
            [(2.0, "alice", "hi chat"), (87, "bob", "bob subscribed at Tier 1. They've subscribed for 3 months!"), (116, "suzuki_jp", "こんにちは"), (121, "carol", "past midnight")],
            records.Select(r => (r.OffsetSeconds, r.AuthorName, r.Text)));
        Assert.Equal(StreamEventType.Sub, records[1].Notice?.Type);
        Assert.Equal("bob", records[1].Notice?.Sender);
    }

    [Theory]
    [InlineData("# Start logging at 2026-12-01 20:00:00 Mitteleuropäische Zeit\n[20:00:01] alice: hi\n", "local clock of \"Mitteleuropäische Zeit\", a time zone VodManager cannot place", 1)]
    [InlineData("# Start logging at 2026-12-01 20:00:00 CST\n[20:00:01] alice: hi\n", "local clock of \"CST\"", 1)]
    [InlineData("# Start logging at 2026-12-01 20:00:00 CET\n[20:00:01] alice: hi\n[2026-12-01 19:00:02 UTC] bob: hi\n", "mixes two kinds of time", 3)]
    [InlineData("[00:00:01] alice: hi\n# Start logging at 2026-12-01 20:00:00 CET\n", "mixes two kinds of time", 2)]
    [InlineData("# Start logging at 2026-12-01 20:00:00 CET\n[20:61:01] alice: hi\n", "bad time \"[20:61:01]\"", 2)]
    [InlineData("# Start logging at 2026-12-01 20:00:00 CET\nalice: hi\n", "expected \"[hh:mm:ss] user: text\" after Chatterino's", 2)]
    public async Task A_chatterino_log_the_product_cannot_place_is_refused_naming_why_and_where(string log, string expected, int line)
    {
        var path = _folder.File("channel-2026-12-01.log");
        await File.WriteAllTextAsync(path, log);

        var error = await Assert.ThrowsAsync<IngestException>(() => Parsers.ChatAsync(path, clockStart: new DateTime(2026, 12, 1, 18, 0, 0, DateTimeKind.Utc)));

        Assert.Contains(expected, error.Message);
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public async Task A_chatterino_log_from_before_the_stream_is_refused_and_one_across_it_keeps_the_lines_from_its_start()
    {
        var path = _folder.File("channel-2026-12-01.log");
        await File.WriteAllTextAsync(path, "# Start logging at 2026-12-01 20:00:00 CET\n[20:00:01] alice: before\n[20:30:00] bob: during\n");

        var during = await Parsers.ChatAsync(path, clockStart: new DateTime(2026, 12, 1, 19, 10, 0, DateTimeKind.Utc));
        Assert.Equal([(1200.0, "during")], during.Select(r => (r.OffsetSeconds, r.Text)));

        var before = await Assert.ThrowsAsync<IngestException>(() => Parsers.ChatAsync(path, clockStart: new DateTime(2026, 12, 1, 20, 0, 0, DateTimeKind.Utc)));
        Assert.Contains("all 2 lines are from before the stream's start (2026-12-01 20:00:00 UTC; the log begins 2026-12-01 19:00:01 UTC)", before.Message);
    }

    [Fact]
    public async Task A_chat_downloader_message_with_an_odd_timestamp_is_read_without_it()
    {
        var path = _folder.File("odd.json");
        await File.WriteAllTextAsync(path, """[{"timestamp":{"us":1},"time_in_seconds":1.5,"message":"first","author":{"name":"a"}},{"timestamp":"soon","time_in_seconds":2,"message":"second","author":{"name":"b"}}]""");

        var metadata = new ChatMetadataScan();
        var records = new List<ChatRecord>();
        await using (var input = await IngestInput.OpenAsync(path, Parsers.Options(), CancellationToken.None))
        {
            await foreach (var batch in new ChatLogParser(Microsoft.Extensions.Options.Options.Create(Parsers.Options())).ReadAsync(input, ChatReadMode.Full, null, metadata, CancellationToken.None))
            {
                records.AddRange(batch);
            }
        }

        Assert.Equal([(1.5, "a", "first"), (2, "b", "second")], records.Select(r => (r.OffsetSeconds, r.AuthorName, r.Text)));
        Assert.Null(metadata.Result().StartedAt);
    }

    [Fact]
    public async Task Chat_before_a_youtube_stream_began_is_left_out_of_a_chat_downloader_replay()
    {
        // chat-downloader times a YouTube replay's waiting-room chat before the stream's start.
        var path = _folder.File("youtube.json");
        await File.WriteAllTextAsync(path, """
            [{"time_in_seconds":-95.2,"time_text":"-1:35","message":"waiting","author":{"id":"UC1","name":"early bird"},"message_type":"text_message"},
             {"time_in_seconds":0.8,"time_text":"0:00","message":"hi","author":{"id":"UC2","name":"viewer"},"message_type":"text_message"},
             {"time_in_seconds":61.0,"time_text":"1:01","message":"LETS GO","author":{"id":"UC1","name":"early bird"},"message_type":"text_message"}]
            """);

        var records = await Parsers.ChatAsync(path);

        Assert.Equal([(0.8, "viewer", "hi"), (61, "early bird", "LETS GO")], records.Select(r => (r.OffsetSeconds, r.AuthorName, r.Text)));
    }

    /// <summary>
    /// A YouTube replay as chat-downloader writes it with its default message groups (messages and superchat): Super
    /// Chats, Super Stickers, memberships and gifted memberships are <c>message_type</c>s of the same flat array, the
    /// paid ones with <c>money</c> (amount, ISO currency, the text YouTube showed). A gift purchase's count is only in
    /// its text (the sponsorships header's primary text, in the viewer's language; the Japanese one here escaped, as
    /// Python's JSON writer does; older releases leave it out); each recipient then gets a redemption line under their
    /// own name.
    /// </summary>
    internal const string YouTubeReplay = """
        [{"message_id":"m1","message":"hello","author":{"id":"UCa","name":"Ann"},"time_in_seconds":3.2,"time_text":"0:03","message_type":"text_message","action_type":"add_chat_item"},
         {"message_id":"m2","message":"huge play!!","money":{"text":"$5.00","amount":5.0,"currency":"USD","currency_symbol":"$"},"author":{"id":"UCb","name":"Bo"},"time_in_seconds":40.0,"time_text":"0:40","message_type":"paid_message","action_type":"add_chat_item","header_background_colour":"#1565c0"},
         {"message_id":"m3","money":{"text":"¥1,000","amount":1000.0,"currency":"JPY","currency_symbol":"¥"},"sticker_images":[],"author":{"id":"UCc","name":"Chie"},"time_in_seconds":41.5,"time_text":"0:41","message_type":"paid_sticker","action_type":"add_chat_item"},
         {"message_id":"m4","message":"Welcome to Channel!","author":{"id":"UCd","name":"Dee"},"time_in_seconds":60.0,"time_text":"1:00","message_type":"membership_item","action_type":"add_chat_item"},
         {"message_id":"m5","message":"gg","money":{"text":"XYZ 20","amount":20.0,"currency":"XYZ","currency_symbol":"XYZ"},"author":{"id":"UCe","name":"Eve"},"time_in_seconds":75.0,"time_text":"1:15","message_type":"paid_message","action_type":"add_chat_item"},
         {"message_id":"m6","message":"Gifted 3 Team 24 Ch. memberships","author":{"id":"UCf","name":"Fay"},"time_in_seconds":90.0,"time_text":"1:30","message_type":"sponsorships_gift_purchase_announcement","action_type":"add_chat_item"},
         {"message_id":"m7","message":"was gifted a membership by Fay","author":{"id":"UCg","name":"Gus"},"time_in_seconds":90.4,"time_text":"1:30","message_type":"sponsorships_gift_redemption_announcement","action_type":"add_chat_item"},
         {"message_id":"m8","message":"was gifted a membership by Fay","author":{"id":"UCh","name":"Hal"},"time_in_seconds":90.6,"time_text":"1:30","message_type":"sponsorships_gift_redemption_announcement","action_type":"add_chat_item"},
         {"message_id":"m9","message":"was gifted a membership by Fay","author":{"id":"UCi","name":"Ivy"},"time_in_seconds":91.1,"time_text":"1:31","message_type":"sponsorships_gift_redemption_announcement","action_type":"add_chat_item"},
         {"author":{"id":"UCj","name":"Jun"},"message":"10 \u4ef6\u306e Team 24 Ch \u306e\u30e1\u30f3\u30d0\u30fc\u30b7\u30c3\u30d7 \u30ae\u30d5\u30c8\u3092\u8d08\u308a\u307e\u3057\u305f","message_type":"sponsorships_gift_purchase_announcement","time_in_seconds":120.0,"message_id":"m10"},
         {"message_id":"m11","author":{"id":"UCk","name":"Kai"},"time_in_seconds":150.0,"message_type":"sponsorships_gift_purchase_announcement"}]
        """;

    [Theory]
    [InlineData(ChatReadMode.Full)]
    [InlineData(ChatReadMode.Signals)]
    public async Task YouTube_super_chats_stickers_and_memberships_in_a_chat_downloader_replay_are_chat_lines_and_events(ChatReadMode mode)
    {
        var path = _folder.File("youtube-superchats.json");
        await File.WriteAllTextAsync(path, YouTubeReplay);

        var records = await Parsers.ChatAsync(path, mode);

        // A gift's recipients are left out: theirs is no chat line, and the purchase already counts them.
        Assert.Equal([3.2, 40, 41.5, 60, 75, 90, 120, 150], records.Select(r => r.OffsetSeconds));
        Assert.Equal(new ChatNotice(StreamEventType.GiftSubs, 3, "Fay", "Fay gifted 3 memberships", Mystery: true, Gift: "membership"), records[5].Notice);
        // The count in another language (escaped in the file), and, without the text (older chat-downloader releases
        // skipped the sponsorships header that holds it), at least the one gift.
        Assert.Equal((10.0, "Jun gifted 10 memberships"), (records[6].Notice!.Magnitude, records[6].Notice!.Detail));
        Assert.Equal((1.0, StreamEventType.GiftSubs), (records[7].Notice!.Magnitude, records[7].Notice!.Type));
        if (mode == ChatReadMode.Signals)
        {
            return;
        }

        Assert.Equal(["UCa", "UCb", "UCc", "UCd", "UCe", "UCf", "UCj", "UCk"], records.Select(r => r.AuthorId));
        Assert.Equal([(3.2, "Ann", "hello"), (40, "Bo", "huge play!!"), (41.5, "Chie", ""), (60, "Dee", "Welcome to Channel!"), (75, "Eve", "gg")],
            records.Take(5).Select(r => (r.OffsetSeconds, r.AuthorName, r.Text)));
        Assert.Null(records[0].Notice);
        Assert.Equal(new ChatNotice(StreamEventType.Cheer, 500, "Bo", "Bo sent a Super Chat of $5.00"), records[1].Notice);
        // ¥1,000 is about US$6.70: weighed in US cents like bits, not as 100,000 of them.
        Assert.Equal(new ChatNotice(StreamEventType.Cheer, 670, "Chie", "Chie sent a Super Sticker of ¥1,000"), records[2].Notice);
        Assert.Equal(StreamEventType.Sub, records[3].Notice?.Type);
        Assert.Equal("Dee", records[3].Notice?.Sender);
        // A currency without a known rate weighs as a typical cheer and still names what was paid.
        Assert.Equal(new ChatNotice(StreamEventType.Cheer, 500, "Eve", "Eve sent a Super Chat of XYZ 20"), records[4].Notice);
    }

    [Theory]
    [InlineData(ChatReadMode.Full)]
    [InlineData(ChatReadMode.Signals)]
    public async Task Items_chat_downloader_writes_for_every_message_group_that_are_nobodys_message_are_left_out(ChatReadMode mode)
    {
        // `chat_downloader URL --message_groups all`: the replay notice, a ticker repeating the Super Chat at the top of
        // chat, a placeholder, a deleted-message marker and a mode change, among two real messages and the Super Chat.
        var path = _folder.File("youtube-all-groups.json");
        await File.WriteAllTextAsync(path, """
            [{"message_id":"e1","message":"Chat replay is on. Messages that appeared when the stream was live will show up here.","message_type":"viewer_engagement_message","action_type":"add_chat_item","time_in_seconds":0.0},
             {"message_id":"m1","message":"hello","author":{"id":"UCa","name":"Ann"},"time_in_seconds":3.2,"message_type":"text_message","action_type":"add_chat_item"},
             {"message_id":"m2","message":"huge play!!","money":{"text":"$5.00","amount":5.0,"currency":"USD","currency_symbol":"$"},"author":{"id":"UCb","name":"Bo"},"time_in_seconds":40.0,"message_type":"paid_message","action_type":"add_chat_item"},
             {"message_id":"t2","money":{"text":"$5.00","amount":5.0,"currency":"USD","currency_symbol":"$"},"author":{"id":"UCb","name":"Bo"},"ticker_duration":120,"time_in_seconds":40.1,"message_type":"ticker_paid_message_item","action_type":"add_live_chat_ticker_item"},
             {"message_id":"p1","time_in_seconds":41.0,"message_type":"placeholder_item","action_type":"add_chat_item"},
             {"target_message_id":"m9","message":"[message deleted]","time_in_seconds":42.0,"message_type":"deleted_message","action_type":"mark_chat_item_as_deleted"},
             {"message_id":"s1","message":"Slow mode is on","author":{"id":"UCo","name":"Owner"},"time_in_seconds":50.0,"message_type":"mode_change_message","action_type":"add_chat_item"},
             {"message_id":"m3","message":"gg","author":{"id":"UCc","name":"Chie"},"time_in_seconds":61.0,"message_type":"text_message","action_type":"add_chat_item"}]
            """);

        var records = await Parsers.ChatAsync(path, mode);

        Assert.Equal([3.2, 40, 61], records.Select(r => r.OffsetSeconds));
        Assert.Equal([StreamEventType.Cheer], records.Where(r => r.Notice is not null).Select(r => r.Notice!.Type));
    }

    [Theory]
    [InlineData(ChatReadMode.Full)]
    [InlineData(ChatReadMode.Signals)]
    public async Task In_a_live_capture_items_that_are_nobodys_message_neither_need_a_time_nor_start_the_stream(ChatReadMode mode)
    {
        // Live, chat-downloader writes the welcome line when it connects, and a ticker has no time of its own.
        var path = _folder.File("youtube-live-all-groups.json");
        await File.WriteAllTextAsync(path, """
            [{"message_id":"e1","message":"Welcome to live chat! Remember to guard your privacy.","message_type":"viewer_engagement_message","action_type":"add_chat_item","timestamp":1700000000000000},
             {"message_id":"t1","money":{"text":"$5.00","amount":5.0,"currency":"USD"},"author":{"id":"UCb","name":"Bo"},"ticker_duration":120,"message_type":"ticker_paid_message_item","action_type":"add_live_chat_ticker_item"},
             {"message_id":"m1","message":"hello","author":{"id":"UCa","name":"Ann"},"timestamp":1700000030000000,"message_type":"text_message","action_type":"add_chat_item"},
             {"message_id":"m2","message":"gg","author":{"id":"UCc","name":"Chie"},"timestamp":1700000090500000,"message_type":"text_message","action_type":"add_chat_item"}]
            """);

        var records = await Parsers.ChatAsync(path, mode);

        Assert.Equal([0, 60.5], records.Select(r => r.OffsetSeconds));
    }

    /// <summary>
    /// Twitch notices as chat-downloader writes them (a VOD's or a live capture's): the msg-id renamed in
    /// <c>message_type</c>, its parameters beside the text under chat-downloader's names, a cheer's <c>bits</c>.
    /// </summary>
    [Theory]
    [InlineData(ChatReadMode.Full)]
    [InlineData(ChatReadMode.Signals)]
    public async Task Twitch_subs_gifts_raids_and_cheers_in_a_chat_downloader_file_are_events(ChatReadMode mode)
    {
        var path = _folder.File("twitch-notices.json");
        var gifts = string.Join(",\n", Enumerable.Range(1, 5).Select(i =>
            $$"""{"message_id":"g{{i}}","message":"Santa gifted a Tier 1 sub to viewer{{i}}!","author":{"id":"7","name":"santa","display_name":"Santa"},"time_in_seconds":{{60 + i * 0.2}},"timestamp":{{1616190060000000 + i * 200000}},"message_type":"subscription_gift","subscription_type":"Tier 1"}"""));
        await File.WriteAllTextAsync(path, $$"""
            [{"message_id":"m1","message":"hello","author":{"id":"1","name":"ann","display_name":"Ann"},"time_in_seconds":3.5,"timestamp":1616190003500000,"message_type":"text_message"},
             {"message_id":"m2","message":"Bo subscribed at Tier 2. They've subscribed for 4 months!","author":{"id":"2","name":"bo","display_name":"Bo"},"time_in_seconds":20.0,"timestamp":1616190020000000,"message_type":"resubscription","subscription_type":"Tier 2","cumulative_months":4},
             {"message_id":"m3","message":"Santa is gifting 5 Tier 1 Subs to LiiHS's community!","author":{"id":"7","name":"santa","display_name":"Santa"},"time_in_seconds":60.0,"timestamp":1616190060000000,"message_type":"mystery_subscription_gift","subscription_type":"Tier 1","mass_gift_count":5,"sender_count":25},
             {{gifts}},
             {"message_id":"m4","message":"42 raiders from BigStreamer have joined!","author":{"id":"9","name":"bigstreamer","display_name":"BigStreamer"},"time_in_seconds":300.0,"timestamp":1616190300000000,"message_type":"raid","raider_display_name":"BigStreamer","number_of_raiders":42},
             {"message_id":"m5","message":"Cheer100 nice","author":{"id":"3","name":"cy","display_name":"Cy"},"time_in_seconds":400.0,"timestamp":1616190400000000,"message_type":"text_message","bits":100}]
            """);

        var records = await Parsers.ChatAsync(path, mode);
        var collector = new ChatNoticeCollector();
        foreach (var r in records.Where(r => r.Notice is not null))
        {
            collector.Add(r.OffsetSeconds, r.Notice!);
        }

        Assert.Equal(10, records.Count);
        Assert.Null(records[0].Notice);
        Assert.Equal(
            [(20.0, StreamEventType.Sub, 2.0), (60.0, StreamEventType.GiftSubs, 5.0), (300.0, StreamEventType.Raid, 42.0), (400.0, StreamEventType.Cheer, 100.0)],
            collector.Events.Select(e => (e.OffsetSeconds, e.Type, e.Magnitude)));
        Assert.Equal("raid from BigStreamer with 42 viewers", collector.Events[2].Detail);
    }

    [Theory]
    [InlineData(ChatReadMode.Full)]
    [InlineData(ChatReadMode.Signals)]
    public async Task Well_known_bots_are_marked_in_every_format_whatever_the_case(ChatReadMode mode)
    {
        var twitch = _folder.File("bots.json");
        await File.WriteAllTextAsync(twitch, "{\"comments\":[" + Comment
            + "," + Comment.Replace("\"a1\"", "\"a2\"").Replace("\"42\"", "\"19264788\"").Replace("alice", "nightbot").Replace("Alice", "Nightbot")
            + "," + Comment.Replace("\"a1\"", "\"a3\"").Replace("\"42\"", "\"7\"").Replace("alice", "nightbotfan").Replace("Alice", "NightbotFan") + "]}");
        var youTube = _folder.File("bots-youtube.json");
        await File.WriteAllTextAsync(youTube, """
            [{"message_id":"m1","message":"hi","author":{"id":"UCa","name":"Ann"},"time_in_seconds":3.2,"message_type":"text_message"},
             {"message_id":"m2","message":"Follow on Twitter!","author":{"id":"UCb","name":"Nightbot"},"time_in_seconds":4.0,"message_type":"text_message"}]
            """);
        var plain = _folder.File("bots.log");
        await File.WriteAllTextAsync(plain, "[00:00:01] alice: hi\n[00:00:02] StreamElements: Download the plugin!\n");

        Assert.Equal([false, true, false], (await Parsers.ChatAsync(twitch, mode)).Select(r => r.FromBot));
        Assert.Equal([false, true], (await Parsers.ChatAsync(youTube, mode)).Select(r => r.FromBot));
        Assert.Equal([false, true], (await Parsers.ChatAsync(plain, mode)).Select(r => r.FromBot));
    }

    [Fact]
    public async Task Gzip_is_recognised_by_content_and_bits_may_be_strings()
    {
        var json = "{\"comments\":[" + Comment + "," + Comment.Replace("\"a1\"", "\"a2\"").Replace("12.5", "13.25").Replace("\"bits_spent\":0", "\"bits_spent\":\"100\"").Replace("\"_id\":\"42\"", "\"_id\":42") + "]}";
        var path = _folder.File("chat.data");
        await using (var file = File.Create(path))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(json));
        }

        var records = await Parsers.ChatAsync(path);

        Assert.Equal(2, records.Count);
        Assert.Equal(13.25, records[1].OffsetSeconds);
        Assert.Equal(100, records[1].Bits);
        Assert.Equal(records[0].AuthorKey, records[1].AuthorKey);
        Assert.Equal(2, records[1].Emotes);
        Assert.Equal(StreamEventType.Cheer, records[1].Notice?.Type);
    }

    [Fact]
    public async Task A_repeated_comment_id_is_read_once_and_distinct_ids_all_count()
    {
        var again = Comment.Replace("12.5", "13");
        var other = Comment.Replace("\"a1\"", "\"b7\"").Replace("12.5", "13");
        var path = _folder.File("repeats.json");
        await File.WriteAllTextAsync(path, "{\"comments\":[" + string.Join(",", Comment, Comment, other, again, other) + "]}");

        var records = await Parsers.ChatAsync(path);

        Assert.Equal([12.5, 13.0], records.Select(r => r.OffsetSeconds));
    }

    [Theory]
    [InlineData(ChatReadMode.Full)]
    [InlineData(ChatReadMode.Signals)]
    public async Task An_id_written_on_every_line_by_a_converter_drops_none_of_them(ChatReadMode mode)
    {
        // Only a line with the same id, author and time is a repeat; one id shared by everyone's lines had kept a line per two minutes.
        var lines = Enumerable.Range(0, 300).Select(i => Comment
            .Replace("\"a1\"", "\"\"").Replace("12.5", (i * 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture)).Replace("\"42\"", $"\"{i % 7}\""));
        var path = _folder.File("one-id.json");
        await File.WriteAllTextAsync(path, "{\"comments\":[" + string.Join(",", lines) + "]}");

        var records = await Parsers.ChatAsync(path, mode);

        Assert.Equal(300, records.Count);
    }

    [Theory]
    [InlineData(ChatReadMode.Full)]
    [InlineData(ChatReadMode.Signals)]
    public async Task A_cropped_download_counts_offsets_from_its_start_and_leaves_out_earlier_lines(ChatReadMode mode)
    {
        // TwitchDownloader's "crop beginning": comments keep their place in the whole VOD, video.start says where the
        // downloaded part (and its video) begins.
        var path = _folder.File("cropped.json");
        await File.WriteAllTextAsync(path, "{\"streamer\":{\"name\":\"alice\"},\"video\":{\"title\":\"t\",\"start\":3600,\"end\":3700,\"length\":9000},"
            + "\"comments\":[" + string.Join(",", CommentAt("3599.5", "c0"), CommentAt("3605", "c1"), CommentAt("3650.25", "c2")) + "]}");

        var records = await Parsers.ChatAsync(path, mode);

        Assert.Equal([5.0, 50.25], records.Select(r => r.OffsetSeconds));
    }

    [Theory]
    [InlineData(ChatReadMode.Full)]
    [InlineData(ChatReadMode.Signals)]
    public async Task Lines_sent_before_the_video_began_are_left_out_not_the_whole_chat(ChatReadMode mode)
    {
        // Real Twitch VOD chat holds them: a line sent seconds (or minutes) before the recording started has an offset below zero.
        var path = _folder.File("early.json");
        await File.WriteAllTextAsync(path, "{\"comments\":[" + string.Join(",", CommentAt("-588.7", "c0"), CommentAt("-3", "c1"), CommentAt("0", "c2"), CommentAt("41.5", "c3")) + "]}");

        var records = await Parsers.ChatAsync(path, mode);

        Assert.Equal([0.0, 41.5], records.Select(r => r.OffsetSeconds));
    }

    [Fact]
    public async Task A_crop_start_written_after_the_comments_is_refused_rather_than_guessed()
    {
        var path = _folder.File("late-header.json");
        await File.WriteAllTextAsync(path, "{\"comments\":[" + Comment + "],\"video\":{\"start\":3600}}");

        var error = await Assert.ThrowsAsync<IngestException>(() => Parsers.ChatAsync(path));

        Assert.Contains("late-header.json", error.Message);
        Assert.Contains("video.start (where a cropped download begins) comes after the comments", error.Message);
    }

    [Fact]
    public async Task Emotes_are_counted_from_fragments_when_there_is_no_emoticons_array()
    {
        var path = _folder.File("fragments.json");
        await File.WriteAllTextAsync(path, "[" + Comment.Replace("\"emoticons\":[{\"_id\":\"25\",\"begin\":0,\"end\":4},{\"_id\":\"25\",\"begin\":12,\"end\":16}],", "") + "]");

        var record = Assert.Single(await Parsers.ChatAsync(path));
        Assert.Equal(2, record.Emotes);
    }

    [Fact]
    public async Task Signals_mode_keeps_offsets_keys_and_emotes_without_text()
    {
        var full = await Parsers.ChatAsync(Parsers.RealChat(Parsers.SmallRealLog));
        var signals = await Parsers.ChatAsync(Parsers.RealChat(Parsers.SmallRealLog), ChatReadMode.Signals);

        Assert.Equal(full.Select(r => (r.OffsetSeconds, r.AuthorKey, r.Emotes, r.Bits)), signals.Select(r => (r.OffsetSeconds, r.AuthorKey, r.Emotes, r.Bits)));
        Assert.All(signals, r => Assert.Equal("", r.Text));
        Assert.Equal(full.Count(r => r.Notice is not null), signals.Count(r => r.Notice is not null));
    }

    [Fact]
    public async Task Plain_log_lines_parse_with_hours_fractions_and_system_notices()
    {
        var path = _folder.File("chat.txt");
        await File.WriteAllTextAsync(path, "\uFEFF[00:00:05] alice: hello there\r\n\r\n[1:02:03.5] Bob: what: a colon\n[12:34] twitchnotify: 25 raiders from bigstreamer have joined!\n");

        var records = await Parsers.ChatAsync(path);

        Assert.Equal([5, 3723.5, 754], records.Select(r => r.OffsetSeconds));
        Assert.Equal(("Bob", "what: a colon"), (records[1].AuthorName, records[1].Text));
        Assert.Equal(new ChatNotice(StreamEventType.Raid, 25, "bigstreamer", "raid from bigstreamer with 25 viewers"), records[2].Notice);
    }

    [Fact]
    public async Task Twitch_chat_downloaders_irc_lines_parse_with_their_badges_and_actions()
    {
        // tcd's default "[0:00:05] <name> text", its irc format's badge sign before the name, and its "/me" line (with the stray "]" it writes).
        var path = _folder.File("123456789.log");
        await File.WriteAllTextAsync(path, "[0:00:05] <Alice> hello there\n[0:01:02] <@ModBob> no links <3\n[1:00:00] *Carol waves at chat]\n[1:00:01] <~Streamer> hi: all\n");

        var records = await Parsers.ChatAsync(path);

        Assert.Equal([5, 62, 3600, 3601], records.Select(r => r.OffsetSeconds));
        Assert.Equal([("Alice", "hello there"), ("ModBob", "no links <3"), ("Carol", "waves at chat"), ("Streamer", "hi: all")], records.Select(r => (r.AuthorName, r.Text)));
    }

    [Fact]
    public async Task A_real_chat_written_as_irc_lines_gives_the_same_lines_as_its_json()
    {
        var path = _folder.File("irc.log");
        var v5 = await Parsers.ChatAsync(Parsers.RealChat(Parsers.SmallRealLog));
        await File.WriteAllLinesAsync(path, v5.Select(r => $"[{TimeSpan.FromSeconds(Math.Floor(r.OffsetSeconds)):h\\:mm\\:ss}] <{r.AuthorName}> {r.Text}"));

        var irc = await Parsers.ChatAsync(path);

        Assert.Equal(v5.Select(r => (Math.Floor(r.OffsetSeconds), r.AuthorName, r.Text, r.Shape)), irc.Select(r => (r.OffsetSeconds, r.AuthorName, r.Text, r.Shape)));
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("   \n\t ", "only blank space")]
    [InlineData("{\"comments\":[{\"content_offset_seconds\":1,\"message\":{\"body\":\"hi\"}},{\"content_offset_seconds\":2,\"mess", "byte")]
    [InlineData("{\"comments\":[{\"content_offset_seconds\":-4}]}", "its one comment is from before the video's start: nothing would be left of the chat")]
    [InlineData("{\"comments\":[{\"content_offset_seconds\":-4},{\"content_offset_seconds\":-1e12}]}", "comment 2: content_offset_seconds -1000000000000 is outside -2592000..2592000 s")]
    [InlineData("{\"video\":{\"start\":600},\"comments\":[{\"content_offset_seconds\":12},{\"content_offset_seconds\":599}]}", "all 2 comments are from before the video's start, where this cropped download begins (video.start 600 s)")]
    [InlineData("{\"comments\":[{\"content_offset_seconds\":\"soon\"}]}", "comment 1: content_offset_seconds is a string, not a number")]
    [InlineData("{\"comments\":[{\"content_offset_seconds\":1},{\"content_offset_seconds\":\"12.5\"}]}", "comment 2: content_offset_seconds is a string, not a number")]
    [InlineData("{\"comments\":[{\"content_offset_seconds\":true}]}", "comment 1: content_offset_seconds is not a number")]
    [InlineData("{\"comments\":[{\"message\":{\"body\":\"no time\"}}]}", "has no content_offset_seconds")]
    [InlineData("[{\"message\":\"no time at all\",\"author\":{\"name\":\"a\"}}]", "comment 1 has no content_offset_seconds (TwitchDownloader), time_in_seconds (chat-downloader's replay) or timestamp (its live capture)")]
    [InlineData("[{\"message\":\"live\",\"timestamp\":1616190000000000},{\"message\":\"replay\",\"time_in_seconds\":5,\"timestamp\":1616190005000000}]", "comment 2 has a time_in_seconds but the comments before it had only their time (a live capture)")]
    [InlineData("[{\"message\":\"replay\",\"time_in_seconds\":5,\"timestamp\":1616190005000000},{\"message\":\"live\",\"timestamp\":1616190009000000}]", "comment 2 has no content_offset_seconds")]
    [InlineData("[{\"message\":\"live\",\"timestamp\":1616190000000000},{\"message\":\"a year on\",\"timestamp\":1647726000000000}]", "comment 2: \"2022-03-19 21:40:00 UTC\" is 365 days after the stream's start")]
    [InlineData("[{\"time_in_seconds\":\"0:12\",\"message\":\"hi\"}]", "comment 1: time_in_seconds is a string, not a number")]
    [InlineData("{\"comments\":{}}", "\"comments\" is not an array")]
    [InlineData("{\"video\":{\"id\":1}}", "no \"comments\" array")]
    [InlineData("[{\"content_offset_seconds\":1},\"x\"]", "comment 2 is not an object")]
    [InlineData("[{\"content_offset_seconds\":1}] trailing", "invalid JSON")]
    [InlineData("[00:00:61] alice: hi", "minutes and seconds must be below 60")]
    [InlineData("hello this is not a chat log", "expected \"[hh:mm:ss] user: text\" (or \"<user> text\"), \"[yyyy-MM-dd hh:mm:ss UTC] user: text\" or a Chatterino log")]
    [InlineData("alice: hello\nbob: hi", "line 1, byte 0: the line has no time (\"user: text\"), so it cannot be placed on the stream; export the chat with times")]
    [InlineData("[00:00:05] a: hi\nbob: no time here", "line 2, byte 17: the line has no time")]
    [InlineData("[00:00:05] a: hi\n[2021-03-19 21:56:48 UTC] b: yo", "line 2")]
    [InlineData("[2021-03-19 21:56:48 UTC] b: yo\n[00:00:05] a: hi", "mixes two kinds of time (times into the stream, UTC times")]
    [InlineData("[2021-02-30 10:00:00 UTC] a: hi", "bad timestamp \"2021-02-30 10:00:00 UTC\": not a date and time")]
    [InlineData("<html><body>oops</body></html>", "line 1, byte 0: this is an HTML page, not a chat log")]
    [InlineData("<!DOCTYPE html>\n<html lang=\"en\"><head><title>chat</title></head></html>", "TwitchDownloader's HTML export is for reading, not importing); import the chat's JSON export")]
    public Task Bad_chat_is_refused_naming_the_file_and_the_problem(string content, string expected) =>
        Parsers.AssertRefusedAsync(_folder.File("bad-chat.json"), content, path => Parsers.ChatAsync(path), expected);

    [Fact]
    public async Task Truncated_json_names_the_byte_where_it_stops()
    {
        var path = _folder.File("truncated.json");
        var content = await File.ReadAllBytesAsync(Parsers.RealChat(Parsers.SmallRealLog));
        await File.WriteAllBytesAsync(path, content[..(content.Length / 2)]);

        var error = await Assert.ThrowsAsync<IngestException>(() => Parsers.ChatAsync(path));

        Assert.NotNull(error.ByteOffset);
        Assert.InRange(error.ByteOffset!.Value, content.Length / 2 - 4096, content.Length / 2);
        Assert.Contains("the file ends in the middle of the chat (cut off while downloading or copying?): invalid JSON", error.Message);
    }

    [Theory]
    [InlineData("{\"comments\":[{\"content_offset_seconds\":1,\"commenter\":{\"_id\":\"1\",\"display_name\":\"a\"},\"message\":{\"body\":\"hi\"}}")]
    [InlineData("{\"comments\":[{\"content_offset_seconds\":1,\"commenter\":{\"_id\":\"1\",\"display_name\":\"a\"},\"message\":{\"body\":\"h")]
    public async Task Json_that_stops_at_the_end_of_the_file_is_said_to_be_cut_off_and_broken_json_inside_it_is_not(string cutOff)
    {
        var path = _folder.File("cut.json");
        await File.WriteAllTextAsync(path, cutOff);
        var broken = _folder.File("broken.json");
        await File.WriteAllTextAsync(broken, cutOff.Replace(":1,", ":1,,") + "\"}}]}");

        var cut = await Assert.ThrowsAsync<IngestException>(() => Parsers.ChatAsync(path));
        var bad = await Assert.ThrowsAsync<IngestException>(() => Parsers.ChatAsync(broken));

        Assert.Contains("cut off while downloading or copying?", cut.Message);
        Assert.Contains("invalid JSON", bad.Message);
        Assert.DoesNotContain("cut off", bad.Message);
    }

    [Fact]
    public async Task Non_utf8_text_is_refused_with_its_line()
    {
        var path = _folder.File("latin1.txt");
        await File.WriteAllBytesAsync(path, Encoding.Latin1.GetBytes("[00:00:01] alice: ok\n[00:00:02] bob: sch\u00f6n\n"));

        var error = await Assert.ThrowsAsync<IngestException>(() => Parsers.ChatAsync(path));

        Assert.Equal(2, error.Line);
        Assert.Contains("not valid UTF-8", error.Message);
    }

    [Fact]
    public async Task Non_utf8_inside_json_text_is_refused()
    {
        var path = _folder.File("latin1.json");
        await File.WriteAllBytesAsync(path, Encoding.Latin1.GetBytes("[{\"content_offset_seconds\":1,\"commenter\":{\"name\":\"bob\"},\"message\":{\"body\":\"sch\u00f6n\"}}]"));

        var error = await Assert.ThrowsAsync<IngestException>(() => Parsers.ChatAsync(path));

        Assert.Contains("'latin1.json'", error.Message);
        Assert.NotNull(error.ByteOffset);
    }

    public void Dispose() => _folder.Dispose();
}
