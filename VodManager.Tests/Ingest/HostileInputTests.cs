using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data.Entities;
using VodManager.Core.Ingest;
using VodManager.Core.Media;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Ingest;

/// <summary>
/// The parsers' part of the hostile corpus: each file is refused with a clear error naming it, and the import leaves
/// nothing behind: no rows, no import mark, no files in the data folder.
/// </summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private readonly TempFolder _files = new("hostile");
    private CoreHost _host = null!;
    private Account _account = null!;
    private LiveStream _stream = null!;

    public async Task InitializeAsync()
    {
        _host = await CoreHost.StartAsync(new Dictionary<string, string?>
        {
            ["Ingest:MaxDecompressedBytes"] = $"{1024 * 1024}",
            ["Ingest:MaxJsonValueBytes"] = $"{1024 * 1024}",
        });
        (_account, _stream) = await _host.AddAccountWithStreamAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _files.Dispose();
    }

    private async Task<IngestException> RefusedAsync(IngestKind kind, string path)
    {
        var before = DataFiles();
        var error = await Assert.ThrowsAsync<IngestException>(() =>
            _host.Get<IngestService>().ImportAsync(_account.Id, _stream.Id, kind, path, null, CancellationToken.None));
        Assert.Contains($"'{Path.GetFileName(path)}'", error.Message);
        await using var db = await _host.DbAsync();
        Assert.Equal(0, await db.ChatMessages.CountAsync());
        Assert.Equal(0, await db.StreamEvents.CountAsync());
        Assert.Equal(0, await db.TranscriptSegments.CountAsync());
        var stream = await db.Streams.SingleAsync(s => s.Id == _stream.Id);
        Assert.Equal((null, null, null), (stream.ChatImportedAt, stream.EventsImportedAt, stream.TranscriptImportedAt));
        Assert.Equal(before, DataFiles());
        return error;
    }

    /// <summary>Files in the data folder, less SQLite's own WAL companions (which come and go with connections).</summary>
    private List<string> DataFiles() => _host.Folder.Files().Where(f => !f.EndsWith("-wal") && !f.EndsWith("-shm")).ToList();

    private string Write(string name, byte[] content)
    {
        var path = _files.File(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    [Fact]
    public async Task A_gzip_bomb_is_stopped_at_the_decompression_limit()
    {
        var path = _files.File("bomb.json.gz");
        await using (var gzip = new GZipStream(File.Create(path), CompressionLevel.SmallestSize))
        {
            await gzip.WriteAsync("{\"comments\":[],\"padding\":\""u8.ToArray());
            var zeros = Encoding.ASCII.GetBytes(new string('0', 1 << 20));
            for (var i = 0; i < 64; i++)
            {
                await gzip.WriteAsync(zeros);
            }
        }

        Assert.True(new FileInfo(path).Length < 200_000, "the bomb is small on disk");
        var error = await RefusedAsync(IngestKind.Chat, path);
        Assert.Contains("expands to more than 1 MB", error.Message);
        Assert.Contains("zip bomb", error.Message);
    }

    [Fact]
    public async Task A_ten_megabyte_single_line_of_comments_imports_within_bounded_memory()
    {
        var comment = "{\"content_offset_seconds\":12.5,\"commenter\":{\"_id\":\"1\",\"name\":\"a\"},\"message\":{\"body\":\"hello there\"}}";
        var count = 10 * 1024 * 1024 / (comment.Length + 1);
        var path = Write("one-line.json", Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat(comment, count)) + "]"));

        var result = await _host.Get<IngestService>().ImportAsync(_account.Id, _stream.Id, IngestKind.Chat, path, null, CancellationToken.None);

        Assert.Equal(count, result.Rows);
    }

    [Fact]
    public async Task A_ten_megabyte_single_value_is_refused_at_the_value_limit()
    {
        var path = Write("one-value.json", Encoding.UTF8.GetBytes("{\"comments\":[],\"embeddedData\":\"" + new string('A', 10 * 1024 * 1024) + "\"}"));

        var error = await RefusedAsync(IngestKind.Chat, path);

        Assert.Contains("single JSON value is larger than 1 MB", error.Message);
    }

    [Fact]
    public async Task Deeply_nested_json_is_refused_at_the_depth_limit()
    {
        var path = Write("deep.json", Encoding.UTF8.GetBytes("{\"comments\":[{\"content_offset_seconds\":1,\"x\":" + new string('[', 100_000) + new string(']', 100_000) + "}]}"));

        var error = await RefusedAsync(IngestKind.Chat, path);

        Assert.Contains("depth", error.Message);
    }

    [Fact]
    public async Task Deeply_nested_event_lines_are_refused_at_the_depth_limit()
    {
        var path = Write("deep.jsonl", Encoding.UTF8.GetBytes("{\"type\":\"raid\",\"offset_seconds\":1,\"event\":" + new string('[', 5000) + new string(']', 5000) + "}\n"));

        var error = await RefusedAsync(IngestKind.Events, path);

        Assert.Equal(1, error.Line);
        Assert.Contains("depth", error.Message);
    }

    [Theory]
    [InlineData(IngestKind.Chat, "bad-utf8.json", "[{\"content_offset_seconds\":1,\"commenter\":{\"name\":\"x\"},\"message\":{\"body\":\"\xff\xfe broken\"}}]")]
    [InlineData(IngestKind.Chat, "bad-utf8.txt", "[00:00:01] x: \xc3\x28 broken")]
    [InlineData(IngestKind.Events, "bad-utf8.jsonl", "{\"type\":\"raid\",\"offset_seconds\":1,\"event\":{\"from_broadcaster_user_name\":\"\xe2\x82\"}}")]
    [InlineData(IngestKind.Transcript, "bad-utf8.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\xed\xa0\x80 surrogate\n")]
    public async Task Invalid_utf8_is_refused(IngestKind kind, string name, string latin1)
    {
        var error = await RefusedAsync(kind, Write(name, Encoding.Latin1.GetBytes(latin1)));

        Assert.Matches("UTF-8|transcode|invalid", error.Message);
    }

    [Theory]
    [InlineData("WEBVTT\n\n00:00:09.000 --> 00:00:03.000\nreversed\n", "ends (00:00:03.000) before it starts (00:00:09.000)")]
    [InlineData("WEBVTT\n\n00:00:01.000 --> 00:00:30.000\nlong\n\n00:00:10.000 --> 00:00:12.000\ninside\n", "overlapping cues")]
    public async Task Vtt_with_reversed_or_overlapping_cues_is_refused(string vtt, string expected)
    {
        var error = await RefusedAsync(IngestKind.Transcript, Write("cues.vtt", Encoding.UTF8.GetBytes(vtt)));

        Assert.Contains(expected, error.Message);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public async Task Events_with_a_negative_offset_are_refused()
    {
        var error = await RefusedAsync(IngestKind.Events, Write("negative.jsonl", "{\"type\":\"raid\",\"offset_seconds\":10}\n{\"type\":\"cheer\",\"offset_seconds\":-5,\"bits\":100}\n"u8.ToArray()));

        Assert.Equal(2, error.Line);
        Assert.Contains("negative", error.Message);
    }

    [Fact]
    public async Task Events_and_cues_past_the_end_of_the_source_video_are_refused()
    {
        await _host.Get<VideoImportService>().ImportLocalFileAsync(_account.Id, _stream.Id, await TestMedia.GetAsync(), null, CancellationToken.None);

        var events = await RefusedAsync(IngestKind.Events, Write("late.jsonl", "{\"type\":\"raid\",\"offset_seconds\":3600,\"viewers\":5}\n"u8.ToArray()));
        var cues = await RefusedAsync(IngestKind.Transcript, Write("late.vtt", "WEBVTT\n\n00:10:00.000 --> 00:10:02.000\nlate\n"u8.ToArray()));

        Assert.Contains("past the end of the stream (25 s)", events.Message);
        Assert.Contains("past the end of the stream", cues.Message);
    }

    [Fact]
    public async Task A_truncated_gzip_is_refused()
    {
        var full = new MemoryStream();
        await using (var gzip = new GZipStream(full, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(await File.ReadAllBytesAsync(Parsers.RealChat(Parsers.SmallRealLog)));
        }

        var error = await RefusedAsync(IngestKind.Chat, Write("cut.json.gz", full.ToArray()[..(int)(full.Length / 2)]));

        Assert.Matches("gzip|JSON", error.Message);
    }
}
