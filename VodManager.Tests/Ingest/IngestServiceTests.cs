using Microsoft.EntityFrameworkCore;
using VodManager.Core.Cutting;
using VodManager.Core.Data.Entities;
using VodManager.Core.Editing;
using VodManager.Core.Ingest;
using VodManager.Core.Jobs;
using VodManager.Core.Streams;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Ingest;

/// <summary>Imports into a real SQLite database: everything or nothing, replacing the previous import of that kind.</summary>
public sealed class IngestServiceTests : IAsyncLifetime
{
    private CoreHost _host = null!;
    private Account _account = null!;
    private LiveStream _stream = null!;

    public async Task InitializeAsync()
    {
        _host = await CoreHost.StartAsync();
        (_account, _stream) = await _host.AddAccountWithStreamAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<IngestResult> ImportAsync(IngestKind kind, string path, IProgress<JobProgress>? progress = null) =>
        _host.Get<IngestService>().ImportAsync(_account.Id, _stream.Id, kind, path, progress, CancellationToken.None);

    [Fact]
    public async Task EventSub_messages_are_stored_at_their_seconds_from_the_streams_start()
    {
        await _host.StartStreamAtAsync(_stream.Id, new DateTime(2023, 7, 19, 10, 10, 0, DateTimeKind.Utc));

        using var folder = new TempFolder();
        var path = folder.File("eventsub.jsonl");
        await File.WriteAllTextAsync(path, EventLogParserTests.WebSocketLog);

        var result = await ImportAsync(IngestKind.Events, path);

        Assert.Equal(2, result.Rows);
        await using var check = await _host.DbAsync();
        var events = await check.StreamEvents.Where(e => e.StreamId == _stream.Id).OrderBy(e => e.OffsetSeconds).ToListAsync();
        Assert.Equal([(StreamEventType.Raid, 72.465), (StreamEventType.GiftSubs, 600)], events.Select(e => (e.Type, Math.Round(e.OffsetSeconds, 3))));
        Assert.All(events, e => Assert.Equal(StreamEventSource.EventsFile, e.Source));
    }

    [Fact]
    public async Task Real_chat_log_imports_every_line_and_its_notices_as_events()
    {
        var updates = new List<JobProgress>();
        var result = await ImportAsync(IngestKind.Chat, Parsers.RealChat(Parsers.BigRealLog), new SyncProgress(updates.Add));

        Assert.Equal(2409, result.Rows);
        await using var db = await _host.DbAsync();
        Assert.Equal(2409, await db.ChatMessages.CountAsync(m => m.StreamId == _stream.Id));
        Assert.Equal(172, await db.ChatMessages.Where(m => m.StreamId == _stream.Id).Select(m => m.AuthorId).Distinct().CountAsync());
        var stream = await db.Streams.SingleAsync(s => s.Id == _stream.Id);
        Assert.NotNull(stream.ChatImportedAt);
        Assert.Equal(27523, stream.DurationSeconds);
        var events = await db.StreamEvents.Where(e => e.StreamId == _stream.Id).ToListAsync();
        Assert.Equal(result.NoticeEvents, events.Count);
        Assert.All(events, e => Assert.Equal(StreamEventSource.ChatNotice, e.Source));
        Assert.Contains(events, e => e.Type == StreamEventType.Cheer);
        Assert.Equal(100, updates[^1].Percent);
    }

    [Fact]
    public async Task A_YouTube_replays_super_chats_and_memberships_are_stored_as_the_streams_events()
    {
        using var folder = new TempFolder();
        var path = folder.File("youtube.json");
        await File.WriteAllTextAsync(path, ChatLogParserTests.YouTubeReplay);

        var result = await ImportAsync(IngestKind.Chat, path);

        // Three gift purchases are events of their size; their recipients' redemption lines are not stored as chat.
        Assert.Equal((8, 7), (result.Rows, result.NoticeEvents));
        await using var db = await _host.DbAsync();
        var events = await db.StreamEvents.Where(e => e.StreamId == _stream.Id).OrderBy(e => e.OffsetSeconds).ToListAsync();
        Assert.Equal([(40.0, StreamEventType.Cheer, 500.0), (41.5, StreamEventType.Cheer, 670.0), (60.0, StreamEventType.Sub, 1.0), (75.0, StreamEventType.Cheer, 500.0),
                (90.0, StreamEventType.GiftSubs, 3.0), (120.0, StreamEventType.GiftSubs, 10.0), (150.0, StreamEventType.GiftSubs, 1.0)],
            events.Select(e => (e.OffsetSeconds, e.Type, e.Magnitude)));
        Assert.Equal("Fay gifted 3 memberships", events[4].Detail);
        Assert.Equal(0, await db.ChatMessages.CountAsync(m => m.StreamId == _stream.Id && m.Text.Contains("was gifted")));
        Assert.All(events, e => Assert.Equal(StreamEventSource.ChatNotice, e.Source));
    }

    [Fact]
    public async Task Chat_imported_after_a_short_video_says_how_much_of_it_comes_after_the_video_ends()
    {
        await _host.Get<VideoImportService>().ImportLocalFileAsync(_account.Id, _stream.Id, await TestMedia.GetAsync(), null, CancellationToken.None);
        var video = await VideoSecondsAsync();
        var updates = new List<JobProgress>();

        var result = await ImportAsync(IngestKind.Chat, Parsers.RealChat(Parsers.BigRealLog), new SyncProgress(updates.Add));

        // All of it is kept (a longer video may come); what lies past this one is said, counted here from the file itself.
        Assert.Equal(2409, result.Rows);
        var past = OffsetsIn(Parsers.RealChat(Parsers.BigRealLog)).Count(o => o > video + 5);
        Assert.InRange(past, 2000, 2409);
        var said = $"{past:N0} chat lines come after the video ends at {ClipBounds.Clock(video)}: detection and clips leave them out";
        Assert.Contains(said, result.Note);
        Assert.Contains(said, updates[^1].Message);

        // The stream page keeps saying it: the overview counts the lines past the video beside those within.
        var timeline = await _host.Get<StreamTimelineService>().GetAsync(_account.Id, _stream.Id, CancellationToken.None);
        Assert.Equal(past, timeline!.ChatAfterSource);
        Assert.Equal(2409 - past, timeline.ChatCounts.Sum());
    }

    [Fact]
    public async Task A_short_video_stored_after_the_chat_says_how_much_chat_comes_after_it()
    {
        await ImportAsync(IngestKind.Chat, Parsers.RealChat(Parsers.BigRealLog));
        var updates = new List<JobProgress>();

        await _host.Get<VideoImportService>().ImportLocalFileAsync(_account.Id, _stream.Id, await TestMedia.GetAsync(), new SyncProgress(updates.Add), CancellationToken.None);

        var video = await VideoSecondsAsync();
        var past = OffsetsIn(Parsers.RealChat(Parsers.BigRealLog)).Count(o => o > video + 5);
        Assert.Equal("stored", updates[^1].Stage);
        Assert.Contains($"{past:N0} chat lines come after the video ends at {ClipBounds.Clock(video)}", updates[^1].Message);

        // The raids and gifts announced in the chat after the video's end are kept but lie off the timeline.
        await using var db = await _host.DbAsync();
        Assert.Contains(await db.StreamEvents.Where(e => e.StreamId == _stream.Id).Select(e => e.OffsetSeconds).ToListAsync(), o => o > video);
        var timeline = await _host.Get<StreamTimelineService>().GetAsync(_account.Id, _stream.Id, CancellationToken.None);
        Assert.All(timeline!.Events, e => Assert.InRange(e.OffsetSeconds, 0, video));
    }

    [Fact]
    public async Task Chat_within_its_video_says_nothing_more()
    {
        using var folder = new TempFolder();
        var chat = folder.File("chat.log");
        await File.WriteAllTextAsync(chat, "[00:00:03] alice: hi\n[00:00:12] bob: LUL\n[00:00:21] carol: gg\n");
        await _host.Get<VideoImportService>().ImportLocalFileAsync(_account.Id, _stream.Id, await TestMedia.GetAsync(), null, CancellationToken.None);

        var result = await ImportAsync(IngestKind.Chat, chat);

        Assert.Equal(3, result.Rows);
        Assert.Equal("", result.Note);
    }

    private async Task<double> VideoSecondsAsync()
    {
        await using var db = await _host.DbAsync();
        return (await db.Streams.SingleAsync(s => s.Id == _stream.Id)).DurationSeconds!.Value;
    }

    private static IEnumerable<double> OffsetsIn(string v5Chat)
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(v5Chat));
        return document.RootElement.EnumerateArray().Select(c => c.GetProperty("content_offset_seconds").GetDouble()).ToList();
    }

    [Fact]
    public async Task An_events_file_replaces_the_events_chat_notices_stood_in_for()
    {
        using var folder = new TempFolder();
        var eventsFile = folder.File("events.jsonl");
        await File.WriteAllTextAsync(eventsFile, "{\"type\":\"raid\",\"offset_seconds\":300,\"viewers\":40}\n{\"type\":\"cheer\",\"offset_seconds\":900,\"bits\":100}\n");

        await ImportAsync(IngestKind.Chat, Parsers.RealChat(Parsers.SmallRealLog));
        await ImportAsync(IngestKind.Events, eventsFile);
        await ImportAsync(IngestKind.Chat, Parsers.RealChat(Parsers.SmallRealLog));

        await using var db = await _host.DbAsync();
        var events = await db.StreamEvents.Where(e => e.StreamId == _stream.Id).OrderBy(e => e.OffsetSeconds).ToListAsync();
        Assert.Equal([(StreamEventType.Raid, 300.0, 40.0, StreamEventSource.EventsFile), (StreamEventType.Cheer, 900.0, 100.0, StreamEventSource.EventsFile)],
            events.Select(e => (e.Type, e.OffsetSeconds, e.Magnitude, e.Source)));
        Assert.Equal(545, await db.ChatMessages.CountAsync(m => m.StreamId == _stream.Id));
    }

    [Fact]
    public async Task A_bad_line_rolls_back_the_whole_import_and_keeps_the_previous_one()
    {
        using var folder = new TempFolder();
        await ImportAsync(IngestKind.Chat, Parsers.RealChat(Parsers.SmallRealLog));
        var broken = folder.File("broken.json");
        var real = await File.ReadAllTextAsync(Parsers.RealChat(Parsers.BigRealLog));
        await File.WriteAllTextAsync(broken, real[..(real.Length * 3 / 4)]);

        var error = await Assert.ThrowsAsync<IngestException>(() => ImportAsync(IngestKind.Chat, broken));

        Assert.Contains("'broken.json'", error.Message);
        await using var db = await _host.DbAsync();
        Assert.Equal(545, await db.ChatMessages.CountAsync(m => m.StreamId == _stream.Id));
    }

    [Fact]
    public async Task A_refused_first_import_leaves_no_rows_and_no_import_mark()
    {
        using var folder = new TempFolder();
        var transcript = folder.File("talk.vtt");
        await File.WriteAllTextAsync(transcript, "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nfine\n\n00:00:05.000 --> 00:00:03.000\nbackwards\n");

        await Assert.ThrowsAsync<IngestException>(() => ImportAsync(IngestKind.Transcript, transcript));

        await using var db = await _host.DbAsync();
        Assert.Equal(0, await db.TranscriptSegments.CountAsync());
        Assert.Null((await db.Streams.SingleAsync(s => s.Id == _stream.Id)).TranscriptImportedAt);
    }

    [Fact]
    public async Task Transcript_imports_its_cues()
    {
        using var folder = new TempFolder();
        var transcript = folder.File("talk.srt");
        await File.WriteAllTextAsync(transcript, "1\n00:00:01,000 --> 00:00:04,000\noh my god\n\n2\n00:00:05,000 --> 00:00:07,000\nclip it\n");

        var result = await ImportAsync(IngestKind.Transcript, transcript);

        Assert.Equal(2, result.Rows);
        await using var db = await _host.DbAsync();
        Assert.Equal(["oh my god", "clip it"], await db.TranscriptSegments.OrderBy(t => t.StartSeconds).Select(t => t.Text).ToListAsync());
    }

    [Fact]
    public async Task Another_accounts_stream_is_not_found()
    {
        var (other, _) = await _host.AddAccountWithStreamAsync(name: "Other");

        var error = await Assert.ThrowsAsync<IngestException>(() =>
            _host.Get<IngestService>().ImportAsync(other.Id, _stream.Id, IngestKind.Chat, Parsers.RealChat(Parsers.SmallRealLog), null, CancellationToken.None));

        Assert.Contains($"stream {_stream.Id} was not found", error.Message);
    }
}
