using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data.Entities;
using VodManager.Core.Ingest;
using VodManager.Core.Jobs;
using VodManager.Core.Streams;
using VodManager.Tests.Fixtures;
using VodManager.Tests.Streams;

namespace VodManager.Tests.Ingest;

/// <summary>
/// What a stream's chat and events say about when its broadcast began, against the stream's own start: they set one
/// nobody gave, and a chat of another broadcast is refused before it replaces the stream's chat.
/// </summary>
public sealed class StreamStartTests : IAsyncLifetime
{
    private readonly TempFolder _files = new("stream-start");
    private CoreHost _host = null!;
    private Account _account = null!;
    private LiveStream _stream = null!;

    public async Task InitializeAsync()
    {
        _host = await CoreHost.StartAsync();
        (_account, _stream) = await _host.AddAccountWithStreamAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _files.Dispose();
    }

    private Task<IngestResult> ImportAsync(IngestKind kind, string path, IProgress<JobProgress>? progress = null) =>
        _host.Get<IngestService>().ImportAsync(_account.Id, _stream.Id, kind, path, progress, CancellationToken.None);

    private async Task<(DateTime StartedAt, bool Assumed, int Chat, int Imports)> StateAsync()
    {
        await using var db = await _host.DbAsync();
        var stream = await db.Streams.AsNoTracking().SingleAsync(s => s.Id == _stream.Id);
        return (DateTime.SpecifyKind(stream.StartedAt, DateTimeKind.Utc), stream.StartAssumed,
            await db.ChatMessages.CountAsync(m => m.StreamId == _stream.Id), await db.DataImports.CountAsync(i => i.StreamId == _stream.Id));
    }

    [Fact]
    public async Task A_chat_sets_the_start_nobody_gave_and_another_broadcasts_chat_is_refused_leaving_the_stream_as_it_was()
    {
        var small = RealChat.Of(RealChat.Small);
        // A rename keeps the start, so it stays no one's word.
        await _host.Get<StreamManager>().UpdateAsync(_account.Id, _stream.Id, new StreamDetails("Renamed", _stream.Channel, (await StateAsync()).StartedAt, null), CancellationToken.None);
        Assert.True((await StateAsync()).Assumed);

        var result = await ImportAsync(IngestKind.Chat, RealChat.Small);

        Assert.Contains($"; the stream now starts {small.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, when the chat says the broadcast began", result.Note);
        var set = await StateAsync();
        Assert.Equal(small.StartedAt, set.StartedAt, TimeSpan.FromMilliseconds(2));
        Assert.False(set.Assumed);
        Assert.Equal(small.Comments, set.Chat);

        // The same channel's broadcast six days before: its chat would have replaced this one and detected again from it.
        var other = await Assert.ThrowsAsync<IngestException>(() => ImportAsync(IngestKind.Chat, Parsers.RealChat(Parsers.BigRealLog)));

        Assert.Equal(
            "'liihs_vod955629991_v5.json': it is the chat of a broadcast that began 2021-03-19 21:55 UTC, 6 days 2 hours before this stream's start " +
            "(2021-03-26 00:19 UTC). Is it this stream's chat? If it is, correct the stream's start (Edit, on its page) and import it again.",
            other.Message);
        Assert.Equal(set with { Imports = 0 }, await StateAsync());

        // The broadcast's own chat again (a fuller download, say) replaces it as before, and says nothing of the start.
        var again = await ImportAsync(IngestKind.Chat, RealChat.Small);
        Assert.DoesNotContain("starts", again.Note);
        Assert.Equal(set, await StateAsync());
    }

    [Fact]
    public async Task A_typed_start_an_hour_off_refuses_the_chat_until_the_editor_corrects_it_and_a_nearer_one_stays()
    {
        var small = RealChat.Of(RealChat.Small);
        // Typed on a clock an hour ahead (a summer time, or the wrong zone).
        var typed = small.StartedAt.AddMinutes(61);
        await _host.StartStreamAtAsync(_stream.Id, typed);

        var refused = await Assert.ThrowsAsync<IngestException>(() => ImportAsync(IngestKind.Chat, RealChat.Small));

        Assert.Contains("began 2021-03-26 00:19 UTC, 1 hour 1 minute before this stream's start (2021-03-26 01:20 UTC)", refused.Message);
        Assert.Equal((typed, false, 0, 0), await StateAsync());

        var nearer = small.StartedAt.AddMinutes(45);
        await _host.Get<StreamManager>().UpdateAsync(_account.Id, _stream.Id, new StreamDetails(_stream.Title, _stream.Channel, nearer, null), CancellationToken.None);
        var result = await ImportAsync(IngestKind.Chat, RealChat.Small);

        // Within the tolerance the editor's start is the stream's: the chat's own offsets place its lines either way.
        Assert.DoesNotContain("starts", result.Note);
        Assert.Equal((nearer, false, small.Comments, 0), await StateAsync());
    }

    [Fact]
    public async Task A_UTC_stamped_log_counts_from_its_first_line_on_a_stream_nobody_gave_a_start()
    {
        var path = _files.File("chat.txt");
        RealChat.WriteAsUtcText(RealChat.Small, path, milliseconds: true);
        var offsets = (await Parsers.ChatAsync(RealChat.Small)).Select(r => r.OffsetSeconds).Order().ToList();

        var result = await ImportAsync(IngestKind.Chat, path);

        var first = RealChat.Of(RealChat.Small).StartedAt.AddSeconds(offsets[0]);
        Assert.Contains($"the stream now starts {first:yyyy-MM-dd HH:mm:ss} UTC", result.Note);
        Assert.Equal(first, (await StateAsync()).StartedAt, TimeSpan.FromMilliseconds(2));
        await using var db = await _host.DbAsync();
        var stored = await db.ChatMessages.Where(m => m.StreamId == _stream.Id).OrderBy(m => m.OffsetSeconds).Select(m => m.OffsetSeconds).ToListAsync();
        Assert.Equal(offsets.Select(o => o - offsets[0]), stored, (a, b) => Math.Abs(a - b) < 0.002);
    }

    [Fact]
    public async Task EventSub_messages_set_the_start_nobody_gave_where_stream_online_says_it_began()
    {
        var path = _files.File("eventsub.jsonl");
        await File.WriteAllTextAsync(path, EventLogParserTests.WebSocketLog);

        var result = await ImportAsync(IngestKind.Events, path);

        Assert.Contains("; the stream now starts 2023-07-19 10:00:00 UTC, when the events say the broadcast began", result.Note);
        Assert.Equal((new DateTime(2023, 7, 19, 10, 0, 0, DateTimeKind.Utc), false), ((await StateAsync()).StartedAt, (await StateAsync()).Assumed));
        await using var db = await _host.DbAsync();
        var events = await db.StreamEvents.Where(e => e.StreamId == _stream.Id).OrderBy(e => e.OffsetSeconds).ToListAsync();
        // Counted from stream.online, as a new stream made from this file is: the cheer before it is left out.
        Assert.Equal([(StreamEventType.Raid, 672.465), (StreamEventType.GiftSubs, 1200)], events.Select(e => (e.Type, Math.Round(e.OffsetSeconds, 3))));
    }

    [Fact]
    public async Task A_start_the_editor_types_while_the_chat_is_stored_wins_and_the_import_stores_nothing()
    {
        var typed = new DateTime(2021, 3, 26, 0, 30, 0, DateTimeKind.Utc);
        var manager = _host.Get<StreamManager>();
        var progress = new SyncProgress(p =>
        {
            if (p.Stage == "storing chat" && p.Percent == 60)
            {
                manager.UpdateAsync(_account.Id, _stream.Id, new StreamDetails(_stream.Title, _stream.Channel, typed, null), CancellationToken.None).GetAwaiter().GetResult();
            }
        });

        var refused = await Assert.ThrowsAsync<IngestException>(() => ImportAsync(IngestKind.Chat, RealChat.Small, progress));

        Assert.Contains("the stream's start was set while this file was imported; import it again", refused.Message);
        Assert.Equal((typed, false, 0, 0), await StateAsync());
    }
}
