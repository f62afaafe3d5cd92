using System.Globalization;
using VodManager.Core.Ingest;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Ingest;

/// <summary>
/// Signals mode reads plain comments from their bytes (<see cref="SignalsCommentScanner"/>) and leaves anything else to
/// the JSON reader: what it reads, and how it fails on bad JSON, must not differ from the reader's.
/// </summary>
public sealed class SignalsCommentScannerTests : IDisposable
{
    private readonly TempFolder _folder = new("signals");

    /// <summary>Plain comments between unusual ones: escapes, notices, bits, JSON comments, odd but valid shapes.</summary>
    private static readonly string[] Comments =
    [
        """{"_id":"a1","content_offset_seconds":12.5,"commenter":{"_id":"42","name":"alice","display_name":"Alice"},"message":{"body":"Kappa hello Kappa","bits_spent":0,"fragments":[{"text":"Kappa","emoticon":{"emoticon_id":"25"}},{"text":" hello "},{"text":"Kappa","emoticon":{"emoticon_id":"25"}}],"user_badges":[{"_id":"subscriber","version":"12"}],"user_notice_params":{"msg-id":null}}}""",
        """{ "_id" : "a2" , "content_offset_seconds" : 13 , "commenter" : { "name" : "bob" } , "message" : { "body" : "LULLL that was   close" , "emoticons" : [ { "_id" : "1" } ] , "fragments" : [ ] } , "more_replies" : false }""",
        """{"_id":"a3","content_offset_seconds":14.25,"commenter":{"_id":99,"name":"carol","bio":null,"logo":"x"},"message":{"body":"caf\u00e9 \"quoted\"","fragments":[{"text":"x","emoticon":null}]}}""",
        """{"_id":"a2","content_offset_seconds":13,"commenter":{"name":"bob"},"message":{"body":"repeat of a2"}}""",
        """{"_id":"a4","content_offset_seconds":15,"commenter":{"_id":"7","name":"dave"},"message":{"body":"sub!","user_notice_params":{"msg-id":"sub","msg-param-sub-plan":"1000"}}}""",
        """{"_id":"a5","content_offset_seconds":16,"commenter":{"_id":"8","name":"erin"},"message":{"body":"Cheer100 go","bits_spent":100}}""",
        """/* a JSON comment between comments */ {"_id":"a6","content_offset_seconds":17.125,"commenter":null,"message":null}""",
        """{"_id":"a7","content_offset_seconds":18,"commenter":{"_id":"9","name":"twitch"},"message":{"body":"25 raiders from bigstreamer have joined!"}}""",
        """{"_id":7,"content_offset_seconds":1.5e1,"commenter":{"_id":"10","name":"frank"},"message":{"body":"exponent offset","emoticons":null,"fragments":"none"}}""",
        """{"content_offset_seconds":19,"commenter":{"display_name":null,"name":"gina","_id":"11"},"message":{"body":"PogChamp","fragments":[{"emoticon":{"emoticon_id":"1"},"text":"PogChamp"},[1,2],{"text":"x","emoticon":[]}],"deep":{"a":[{"b":[true,false,null,-0.5e-3]}]}}}""",
        """{"_id":"a8","content_offset_seconds":20,"commenter":{"_id":"12","name":"hal"},"message":{"body":"","bits_spent":null,"user_notice_params":{"msg-param-viewerCount":null,"other":"x"}}}""",
    ];

    [Fact]
    public async Task Signals_mode_reads_plain_and_unusual_comments_as_the_json_reader_does()
    {
        foreach (var json in new[] { "{\"comments\":[" + string.Join(",\n", Comments) + "]}", "[\n" + string.Join(" ,", Comments) + "\n]" })
        {
            var path = _folder.File("chat.json");
            await File.WriteAllTextAsync(path, json);

            var full = await Parsers.ChatAsync(path);
            var signals = await Parsers.ChatAsync(path, ChatReadMode.Signals);

            Assert.Equal(Comments.Length - 1, full.Count);
            Assert.Equal(full.Select(Signals), signals.Select(Signals));
            Assert.Equal(3, signals.Count(r => r.Notice is not null));
            Assert.Equal([2, 1, 0, 0, 0, 0, 0, 0, 1, 0], signals.Select(r => r.Emotes));
        }
    }

    [Fact]
    public async Task Many_plain_comments_across_buffer_refills_read_as_the_json_reader_does()
    {
        var lines = Enumerable.Range(0, 6000).Select(i =>
            "{\"_id\":\"c" + i + "\",\"content_offset_seconds\":" + (i * 0.37).ToString("0.###", CultureInfo.InvariantCulture) + ",\"commenter\":{\"display_name\":\"V" + i % 97 + "\",\"_id\":\"u" + i % 97 + "\",\"name\":\"v" + i % 97
            + "\"},\"message\":{\"body\":\"" + (i % 5 == 0 ? "Kreygasm nice" : "word " + i % 13) + "\",\"bits_spent\":0,\"fragments\":[{\"text\":\"w\",\"emoticon\":" + (i % 5 == 0 ? "{\"emoticon_id\":\"1\"}" : "null")
            + "}],\"user_badges\":[],\"user_notice_params\":{}}}");
        var path = _folder.File("many.json");
        await File.WriteAllTextAsync(path, "{\"streamer\":{\"name\":\"x\"},\"comments\":[\n" + string.Join(",\n", lines) + "\n],\"embeddedData\":{\"x\":[1,2,3]}}");

        var full = await Parsers.ChatAsync(path);
        var signals = await Parsers.ChatAsync(path, ChatReadMode.Signals);

        Assert.Equal(6000, signals.Count);
        Assert.Equal(full.Select(Signals), signals.Select(Signals));
    }

    [Theory]
    [InlineData("{\"content_offset_seconds\":99,\"message\" {\"body\":\"no colon\"}}")]
    [InlineData("{\"content_offset_seconds\":99,\"message\":{\"body\":\"tab\tinside\"}}")]
    [InlineData("{\"content_offset_seconds\":99,\"message\":{\"body\":\"x\"},}")]
    [InlineData("{\"content_offset_seconds\":099}")]
    [InlineData("{\"content_offset_seconds\":99,\"x\":tru}")]
    [InlineData("{\"content_offset_seconds\":99,\"x\":[1,]}")]
    [InlineData("{\"content_offset_seconds\":99,\"commenter\":\"alice\"}")]
    [InlineData("{\"content_offset_seconds\":99}x")]
    [InlineData("{\"content_offset_seconds\":99},]")]
    [InlineData("{\"content_offset_seconds\":99,\"message\":{\"body\":\"cut")]
    public async Task A_bad_comment_after_scanned_ones_fails_as_in_the_json_reader(string bad)
    {
        // Before the bad one: plain comments, and an escaped one that hands the array to the reader and back.
        var good = Enumerable.Range(0, 3000).Select(i => i == 1500
            ? """{"content_offset_seconds":1500,"message":{"body":"an \"escape\""}}"""
            : "{\"_id\":\"c" + i + "\",\"content_offset_seconds\":" + i + ",\"commenter\":{\"name\":\"v" + i % 7 + "\"},\"message\":{\"body\":\"line " + i + "\",\"fragments\":[{\"text\":\"line\",\"emoticon\":null}]}}");
        var path = _folder.File("bad.json");
        await File.WriteAllTextAsync(path, "{\"comments\":[\n" + string.Join(",\n", good) + ",\n  " + bad + (bad.EndsWith("cut", StringComparison.Ordinal) ? "" : "\n]}"));

        var full = await Assert.ThrowsAsync<IngestException>(() => Parsers.ChatAsync(path));
        var signals = await Assert.ThrowsAsync<IngestException>(() => Parsers.ChatAsync(path, ChatReadMode.Signals));

        Assert.Equal(full.Message, signals.Message);
    }

    public void Dispose() => _folder.Dispose();

    private static (double, ulong, int, int, ChatNotice?, ChatTextShape, bool) Signals(ChatRecord r) => (r.OffsetSeconds, r.AuthorKey, r.Emotes, r.Bits, r.Notice, r.Shape, r.FromBot);
}
