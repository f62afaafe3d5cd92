using VodManager.Core.Detection;
using VodManager.Core.Ingest;
using VodManager.Core.Streams;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Ingest;

/// <summary>yt-dlp's YouTube chat (<c>.live_chat.json</c>): a JSON action of YouTube's chat feed per line.</summary>
public sealed class YouTubeLiveChatParserTests : IDisposable
{
    private readonly TempFolder _folder = new("ytdlp");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(ChatReadMode.Full)]
    [InlineData(ChatReadMode.Signals)]
    public async Task A_real_chat_saved_by_yt_dlp_gives_the_same_lines(ChatReadMode mode)
    {
        var path = _folder.File("stream [abc].live_chat.json");
        Streams.RealChat.WriteAsYtDlp(Streams.RealChat.Small, path);

        var saved = await Parsers.ChatAsync(path, mode);
        var v5 = await Parsers.ChatAsync(Streams.RealChat.Small, mode);

        // YouTube's own note on top is nobody's line; every message is, at its offset (whole milliseconds).
        Assert.Equal(v5.Count, saved.Count);
        Assert.All(v5.Zip(saved), p => Assert.InRange(p.Second.OffsetSeconds - p.First.OffsetSeconds, -0.0006, 0.0006));
        Assert.Equal(v5.Select(r => (r.AuthorName, r.Text, r.Shape, r.Emotes)), saved.Select(r => (r.AuthorName, r.Text, r.Shape, r.Emotes)));
        Assert.Equal(v5.Select(r => r.AuthorKey).Distinct().Count(), saved.Select(r => r.AuthorKey).Distinct().Count());
    }

    [Fact]
    public async Task A_real_chat_saved_by_yt_dlp_detects_the_highlights_the_same_chat_has_from_chat_downloader()
    {
        // Both carry the messages alone (the Twitch original's raid notices would be events): the same chat, the same highlights.
        var path = _folder.File("stream.live_chat.json");
        Streams.RealChat.WriteAsYtDlp(Streams.RealChat.Small, path);
        var other = _folder.File("chat-downloader.json");
        Streams.RealChat.WriteAsChatDownloader(Streams.RealChat.Small, other);
        var analyzer = Detection.Detectors.Analyzer();

        var saved = await analyzer.AnalyzeAsync(new AnalyzeFiles(path, null, null, null), 10, null, CancellationToken.None);
        var same = await analyzer.AnalyzeAsync(new AnalyzeFiles(other, null, null, null), 10, null, CancellationToken.None);

        Assert.Equal(10, saved.Highlights.Count);
        Assert.Equal(same.Highlights.Select(h => Math.Round(h.Start)), saved.Highlights.Select(h => Math.Round(h.Start)));
    }

    [Theory]
    [InlineData(ChatReadMode.Full)]
    [InlineData(ChatReadMode.Signals)]
    public async Task A_chat_recorded_live_is_placed_by_each_messages_own_time(ChatReadMode mode)
    {
        // Live, yt-dlp's offsets count from when its download began: the messages' wall clocks place them.
        var path = _folder.File("live.live_chat.json");
        Streams.RealChat.WriteAsYtDlp(Streams.RealChat.Small, path, live: true);

        var (v5, fromStart) = await Parsers.AssertPlacedByTheirTimesAsync(path, mode, "messages");

        Assert.Equal(v5.Select(r => (r.AuthorName, r.Text, r.Shape)), fromStart.Select(r => (r.AuthorName, r.Text, r.Shape)));
    }

    [Fact]
    public async Task Super_chats_stickers_memberships_and_gifts_are_events_and_youtubes_own_items_are_no_ones_lines()
    {
        var path = _folder.File("events.live_chat.json");
        await File.WriteAllLinesAsync(path, [
            Line(1000, Item("liveChatTextMessageRenderer", """{"message":{"runs":[{"text":"hi "},{"emoji":{"emojiId":"😂","shortcuts":[":face_with_tears_of_joy:"]}},{"text":" "},{"emoji":{"emojiId":"UCx/abc","shortcuts":[":_nightowlHype:"],"isCustomEmoji":true}}]},"authorName":{"simpleText":"Ann"},"authorExternalChannelId":"UCann","id":"m1","timestampUsec":"1700000001000000"}""")),
            Line(2500, Item("liveChatPaidMessageRenderer", """{"message":{"runs":[{"text":"great stream"}]},"purchaseAmountText":{"simpleText":"$5.00"},"authorName":{"simpleText":"Bo"},"authorExternalChannelId":"UCbo","id":"m2","timestampUsec":"1700000002500000"}""")),
            Line(3000, Item("liveChatPaidMessageRenderer", """{"purchaseAmountText":{"simpleText":"¥1,000"},"authorName":{"simpleText":"Chi"},"authorExternalChannelId":"UCchi","id":"m3","timestampUsec":"1700000003000000"}""")),
            Line(4000, Item("liveChatPaidStickerRenderer", """{"purchaseAmountText":{"simpleText":"CA$2.00"},"authorName":{"simpleText":"Dee"},"authorExternalChannelId":"UCdee","id":"m4","timestampUsec":"1700000004000000"}""")),
            Line(5000, Item("liveChatMembershipItemRenderer", """{"headerSubtext":{"runs":[{"text":"Welcome to "},{"text":"Night Owl"},{"text":"!"}]},"authorName":{"simpleText":"Eve"},"authorExternalChannelId":"UCeve","id":"m5","timestampUsec":"1700000005000000"}""")),
            Line(6000, Item("liveChatSponsorshipsGiftPurchaseAnnouncementRenderer", """{"authorExternalChannelId":"UCfay","id":"m6","timestampUsec":"1700000006000000","header":{"liveChatSponsorshipsHeaderRenderer":{"authorName":{"simpleText":"Fay"},"primaryText":{"runs":[{"text":"Gifted "},{"text":"5"},{"text":" Night Owl memberships"}]}}}}""")),
            Line(6500, Item("liveChatSponsorshipsGiftRedemptionAnnouncementRenderer", """{"message":{"runs":[{"text":"was gifted a membership by "},{"text":"Fay"}]},"authorName":{"simpleText":"Gus"},"id":"m7","timestampUsec":"1700000006500000"}""")),
            Line(7000, """{"addLiveChatTickerItemAction":{"item":{"liveChatTickerPaidMessageItemRenderer":{"id":"t"}}}}"""),
            Line(7000, """{"markChatItemAsDeletedAction":{"targetItemId":"m1"}}"""),
            Line(-4000, Item("liveChatTextMessageRenderer", """{"message":{"runs":[{"text":"waiting room"}]},"authorName":{"simpleText":"Hal"},"id":"m8","timestampUsec":"1699999996000000"}""")),
        ]);

        var records = await Parsers.ChatAsync(path);

        Assert.Equal([1.0, 2.5, 3.0, 4.0, 5.0, 6.0], records.Select(r => r.OffsetSeconds));
        Assert.Equal(("Ann", "hi 😂 :_nightowlHype:", 2), (records[0].AuthorName, records[0].Text, records[0].Emotes));
        Assert.Null(records[0].Notice);
        Assert.Equal((StreamEventType.Cheer, 500d, "Bo sent a Super Chat of $5.00"), (records[1].Notice!.Type, records[1].Notice!.Magnitude, records[1].Notice!.Detail));
        Assert.Equal("great stream", records[1].Text);
        Assert.Equal((StreamEventType.Cheer, 670d), (records[2].Notice!.Type, records[2].Notice!.Magnitude));
        Assert.Equal((StreamEventType.Cheer, 144d, "Dee sent a Super Sticker of CA$2.00"), (records[3].Notice!.Type, records[3].Notice!.Magnitude, records[3].Notice!.Detail));
        Assert.Equal((StreamEventType.Sub, "Eve"), (records[4].Notice!.Type, records[4].Notice!.Sender));
        Assert.Equal((StreamEventType.GiftSubs, 5d, "Fay"), (records[5].Notice!.Type, records[5].Notice!.Magnitude, records[5].Notice!.Sender));
    }

    [Fact]
    public async Task Shapes_youtube_never_writes_are_read_as_far_as_they_make_sense_not_thrown_on()
    {
        // A number where YouTube writes a string, a string where it writes an object, runs and badges of the wrong kind.
        var path = _folder.File("odd.live_chat.json");
        await File.WriteAllLinesAsync(path, [
            Line(1000, Item("liveChatTextMessageRenderer", """{"message":"plain","authorName":{"simpleText":"Ann"},"timestampUsec":1700000001000000,"authorBadges":[1,{"liveChatAuthorBadgeRenderer":{"icon":{"iconType":7}}}]}""")),
            Line(2000, Item("liveChatTextMessageRenderer", """{"message":{"runs":[1,"x",{"emoji":"😂"},{"emoji":{"emojiId":5,"shortcuts":[null]}},{"text":"ok"}]},"authorName":"Bo","authorExternalChannelId":9}""")),
            Line(3000, Item("liveChatSponsorshipsGiftPurchaseAnnouncementRenderer", """{"header":"Gifted 5"}""")),
        ]);

        var records = await Parsers.ChatAsync(path);

        Assert.Equal([("Ann", ""), ("(unknown)", "ok"), ("(unknown)", "")], records.Select(r => (r.AuthorName, r.Text)));
        Assert.Equal(1, records[1].Emotes);
        Assert.Equal((StreamEventType.GiftSubs, 1d), (records[2].Notice!.Type, records[2].Notice!.Magnitude));
    }

    [Theory]
    [InlineData("{\"replayChatItemAction\":{\"actions\":[],\"videoOffsetTimeMsec\":\"0\"}}\n{\"comments\":[]}", "line 2, byte 66: expected one of yt-dlp's YouTube chat actions")]
    [InlineData("{\"replayChatItemAction\":{\"actions\":[],\"videoOffsetTimeMsec\":\"0\"}}\n{\"replayChatItemAction\":{\"actions\":[", "line 2, byte 66: invalid JSON")]
    [InlineData("{\"replayChatItemAction\":{\"actions\":[],\"videoOffsetTimeMsec\":\"0\"}}\n{\"replayChatItemAction\":{\"actions\":[]},\"isLive\":true}", "line 2, byte 66: mixes a replay's chat")]
    [InlineData("{\"replayChatItemAction\":{\"actions\":[{\"addChatItemAction\":{\"item\":{\"liveChatTextMessageRenderer\":{\"message\":{\"simpleText\":\"x\"}}}}}]}}", "line 1, byte 0: a replay's action has no videoOffsetTimeMsec")]
    [InlineData("{\"replayChatItemAction\":{\"actions\":[{\"addChatItemAction\":{\"item\":{\"liveChatTextMessageRenderer\":{\"message\":{\"simpleText\":\"x\"}}}}}],\"videoOffsetTimeMsec\":\"-5000\"}}", "its one message is from before the video's start")]
    [InlineData("{\"replayChatItemAction\":{\"actions\":[{\"addLiveChatTickerItemAction\":{}}],\"videoOffsetTimeMsec\":\"0\"}}", "no chat messages")]
    public async Task A_bad_file_is_refused_naming_the_line(string content, string expected)
    {
        var path = _folder.File("bad.live_chat.json");
        await File.WriteAllTextAsync(path, content);

        var error = await Assert.ThrowsAsync<IngestException>(() => Parsers.ChatAsync(path));

        Assert.Contains(expected, error.Message);
        Assert.Contains("bad.live_chat.json", error.Message);
    }

    [Theory]
    [InlineData("$5.00", 5.0, "USD")]
    [InlineData("CA$10.00", 10.0, "CAD")]
    [InlineData("¥1,000", 1000.0, "JPY")]
    [InlineData("€2.50", 2.5, "EUR")]
    [InlineData("5,00 €", 5.0, "EUR")]
    [InlineData("PHP 100.00", 100.0, "PHP")]
    [InlineData("₩10,000", 10000.0, "KRW")]
    [InlineData("1.000,50 zł", 1000.5, "PLN")]
    [InlineData("XYZ? 3", 3.0, null)]
    public void A_shown_amount_reads_as_its_number_and_currency(string shown, double amount, string? currency)
    {
        Assert.Equal(((double?)amount, currency), YouTubeMoney.Parse(shown));
    }

    private static string Item(string kind, string renderer) => $$$"""{"addChatItemAction":{"item":{"{{{kind}}}":{{{renderer}}}},"clientId":"c"}}""";

    private static string Line(int ms, string action) => $$$"""{"clickTrackingParams":"CAEQ","replayChatItemAction":{"actions":[{{{action}}}],"videoOffsetTimeMsec":"{{{ms}}}"}}""";
}
