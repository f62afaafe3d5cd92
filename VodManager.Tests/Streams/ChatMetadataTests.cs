using Microsoft.EntityFrameworkCore;
using System.IO.Compression;
using System.Text;
using VodManager.Core.Ingest;
using VodManager.Core.Streams;
using VodManager.Tests.Fixtures;
using VodManager.Tests.Ingest;

namespace VodManager.Tests.Streams;

/// <summary>What a chat says about its broadcast, read on the same pass that checks it whole.</summary>
public sealed class ChatMetadataTests : IAsyncLifetime
{
    private CoreHost _host = default!;
    private readonly TempFolder _files = new("chat-meta");

    public async Task InitializeAsync() => _host = await CoreHost.StartAsync();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _files.Dispose();
    }

    private Task<StreamMetadata> ReadAsync(string path) => _host.Get<IngestService>().ValidateChatAsync(path, CancellationToken.None);

    /// <summary>Imports a chat into a new stream that started at <paramref name="startedAt"/>; returns the stored offsets in order.</summary>
    private async Task<List<double>> ImportIntoStreamAsync(string path, DateTime startedAt)
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync();
        await _host.StartStreamAtAsync(stream.Id, startedAt);

        await _host.Get<IngestService>().ImportAsync(account.Id, stream.Id, IngestKind.Chat, path, null, CancellationToken.None);
        await using var check = await _host.DbAsync();
        return await check.ChatMessages.Where(m => m.StreamId == stream.Id).OrderBy(m => m.OffsetSeconds).Select(m => m.OffsetSeconds).ToListAsync();
    }

    [Fact]
    public async Task A_bare_array_of_real_comments_names_the_broadcaster_the_start_and_the_length()
    {
        var facts = RealChat.Of(RealChat.Small);

        var metadata = await ReadAsync(RealChat.Small);

        Assert.Equal($"VOD {facts.VodId}", metadata.Title);
        Assert.Equal(facts.Broadcaster, metadata.Channel);
        Assert.Equal(facts.StartedAt, metadata.StartedAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(Math.Ceiling(facts.LastOffset), metadata.DurationSeconds);
    }

    [Fact]
    public async Task A_live_capture_names_its_first_message_as_the_start_and_imports_where_the_stream_started()
    {
        var facts = RealChat.Of(RealChat.Small);
        var path = _files.File("live.json");
        RealChat.WriteAsChatDownloader(RealChat.Small, path, live: true);
        var offsets = (await Ingest.Parsers.ChatAsync(RealChat.Small)).Select(r => r.OffsetSeconds).ToList();

        // A new stream from it starts at the first message and lasts to the last.
        var metadata = await ReadAsync(path);
        Assert.Equal(facts.Broadcaster, metadata.Channel);
        Assert.Equal(facts.StartedAt.AddSeconds(offsets[0]), metadata.StartedAt!.Value, TimeSpan.FromMilliseconds(2));
        Assert.InRange(metadata.DurationSeconds!.Value, offsets[^1] - offsets[0], offsets[^1] - offsets[0] + 1);

        // Into a stream whose start is known, each message lands where the VOD's replay has it.
        var stored = await ImportIntoStreamAsync(path, facts.StartedAt);
        Assert.Equal(offsets, stored, (a, b) => Math.Abs(a - b) < 0.002);
    }

    [Theory]
    [InlineData("chat-downloader")]
    [InlineData("yt-dlp")]
    public async Task A_file_of_messages_names_the_broadcaster_the_start_and_the_length_from_them(string tool)
    {
        // chat-downloader's broadcaster badge, yt-dlp's YouTube owner badge; each message's wall clock less its offset.
        var facts = RealChat.Of(RealChat.Small);
        var path = _files.File($"{tool}.json");
        if (tool == "yt-dlp")
        {
            RealChat.WriteAsYtDlp(RealChat.Small, path);
        }
        else
        {
            RealChat.WriteAsChatDownloader(RealChat.Small, path);
        }

        var metadata = await ReadAsync(path);

        Assert.Equal(facts.Broadcaster, metadata.Channel);
        Assert.Equal(facts.StartedAt, metadata.StartedAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(Math.Ceiling(facts.LastOffset), metadata.DurationSeconds);
    }

    [Fact]
    public async Task A_YouTube_replay_from_chat_downloader_names_the_channel_by_its_owners_badge()
    {
        // chat-downloader's YouTube badges: a title and, for YouTube's own badges, an icon name ("owner", "moderator").
        var path = _files.File("youtube.json");
        await File.WriteAllTextAsync(path, """
            [{"message_id":"a","message":"first!","author":{"id":"UCv","name":"Viewer","badges":[{"title":"Moderator","icon_name":"moderator"}]},"time_in_seconds":2.0,"timestamp":1700000002000000,"message_type":"text_message"},
             {"message_id":"b","message":"thanks for coming","author":{"id":"UCo","name":"Night Owl Gaming","badges":[{"title":"Owner","icon_name":"owner"}]},"time_in_seconds":30.5,"timestamp":1700000030500000,"message_type":"text_message"}]
            """);

        var metadata = await ReadAsync(path);

        Assert.Equal("Night Owl Gaming", metadata.Channel);
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1_700_000_000), metadata.StartedAt!.Value, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task A_text_log_with_UTC_times_starts_the_stream_at_its_first_line_and_imports_counting_from_the_streams_start()
    {
        var facts = RealChat.Of(RealChat.Small);
        var path = _files.File("chat.txt");
        RealChat.WriteAsUtcText(RealChat.Small, path, milliseconds: true);
        var v5 = await Parsers.ChatAsync(RealChat.Small);

        var metadata = await ReadAsync(path);

        Assert.Equal(facts.StartedAt.AddSeconds(v5[0].OffsetSeconds), metadata.StartedAt!.Value, TimeSpan.FromMilliseconds(2));
        Assert.Equal(Math.Ceiling(v5[^1].OffsetSeconds - v5[0].OffsetSeconds), metadata.DurationSeconds!.Value, 1.0);

        // Into a stream that started with the broadcast, the lines land where the VOD's own offsets put them.
        var stored = await ImportIntoStreamAsync(path, facts.StartedAt);
        Assert.Equal(v5.Select(r => r.OffsetSeconds).Order(), stored, (a, b) => Math.Abs(a - b) < 0.002);
    }

    [Fact]
    public async Task A_chatterino_log_starts_the_stream_at_its_first_line_in_utc_and_imports_counting_from_the_streams_start()
    {
        var facts = RealChat.Of(RealChat.Small);
        var path = _files.File("liihs-2021-03-25.log");
        RealChat.WriteAsChatterino(RealChat.Small, path, "EDT", TimeSpan.FromHours(-4));
        var v5 = await Parsers.ChatAsync(RealChat.Small);

        var metadata = await ReadAsync(path);

        // Chatterino's own "connected" line is not chat, so the first user's line is the start (whole seconds).
        Assert.Equal(facts.StartedAt.AddSeconds(v5[0].OffsetSeconds), metadata.StartedAt!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal(Math.Ceiling(v5[^1].OffsetSeconds - v5[0].OffsetSeconds), metadata.DurationSeconds!.Value, 1.0);

        var stored = await ImportIntoStreamAsync(path, facts.StartedAt);
        Assert.Equal(v5.Select(r => r.OffsetSeconds).Order(), stored, (vod, log) => log - vod is > -1.0 and < 0.002);
    }

    [Fact]
    public async Task A_gzipped_log_is_read_the_same_as_the_plain_one()
    {
        var plain = _files.File("large.json");
        await using (var gz = new GZipStream(File.OpenRead(RealChat.LargeGzipped), CompressionMode.Decompress))
        await using (var output = File.Create(plain))
        {
            await gz.CopyToAsync(output);
        }

        Assert.Equal(await ReadAsync(plain), await ReadAsync(RealChat.LargeGzipped));
        Assert.Equal(RealChat.Of(plain).Broadcaster, (await ReadAsync(RealChat.LargeGzipped)).Channel);
    }

    [Fact]
    public async Task TwitchDownloaders_header_wins_over_what_the_comments_suggest()
    {
        // The real comments wrapped the way TwitchDownloader writes them, after its streamer and video header.
        var comments = await File.ReadAllTextAsync(RealChat.Small);
        var path = _files.File("td.json.gz");
        var json = "{\"FileInfo\":{\"Version\":{\"Major\":1}},\"streamer\":{\"name\":\"liihs_td\",\"id\":73626243},"
            + "\"video\":{\"title\":\"Battlegrounds \\\"grind\\\" to 12k\",\"description\":null,\"id\":\"963184458\",\"created_at\":\"2021-03-26T00:19:00Z\","
            + "\"start\":60,\"end\":7260,\"length\":13100,\"chapters\":[{\"title\":\"x\",\"start\":1}]},"
            + "\"comments\":" + comments + ",\"embeddedData\":{\"thirdParty\":[{\"data\":\"" + new string('A', 300_000) + "\"}]}}";
        await using (var output = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            await output.WriteAsync(Encoding.UTF8.GetBytes(json));
        }

        var metadata = await ReadAsync(path);

        // Cropped to start 60 s into the broadcast: the video (and the stream made from it) starts a minute after it did.
        Assert.Equal(new StreamMetadata("Battlegrounds \"grind\" to 12k", "liihs_td", new DateTime(2021, 3, 26, 0, 20, 0, DateTimeKind.Utc), 7200), metadata);
    }

    [Fact]
    public async Task A_plain_text_log_says_nothing_about_the_stream()
    {
        var path = _files.File("chat.log");
        await File.WriteAllTextAsync(path, "[00:00:05] viewer: hello\n[00:01:10] other: hi\n");

        Assert.Equal(StreamMetadata.Empty, await ReadAsync(path));
    }

    [Fact]
    public async Task A_missing_file_is_named_in_the_error()
    {
        var error = await Assert.ThrowsAsync<IngestException>(() => ReadAsync(_files.File("gone.json")));
        Assert.Equal("gone.json", error.File);
    }
}
