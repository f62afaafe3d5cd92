using Microsoft.EntityFrameworkCore;
using VodManager.Core;
using VodManager.Core.Data.Entities;
using VodManager.Core.Detection;
using VodManager.Core.Ingest;
using VodManager.Core.Jobs;
using VodManager.Core.Streams;
using VodManager.Tests.Fixtures;
using VodManager.Tests.Streams;

namespace VodManager.Tests.Ingest;

/// <summary>
/// Moving a stream's real chat and its events against the video, on each database: the whole chat (a recording begun
/// late), or from a reconnect on (Twitch's chat running ahead of its VOD by the outage), in one transaction, then
/// detection again; a move that cannot be made changes nothing.
/// </summary>
public abstract class ChatShiftTests : IAsyncLifetime
{
    private readonly TempFolder _files = new("chat-shift");
    private CoreHost _host = null!;
    private Account _account = null!;
    private LiveStream _stream = null!;

    protected abstract DatabaseEngine Engine { get; }

    private ChatShift Shift => _host.Get<ChatShift>();

    public async Task InitializeAsync()
    {
        _host = await CoreHost.StartAsync(await TestDatabase.SettingsAsync(Engine), s => s.AddJobHandlers());
        (_account, _stream) = await _host.AddAccountWithStreamAsync();
        await using var db = await _host.DbAsync();
        await db.Streams.Where(s => s.Id == _stream.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.DurationSeconds, 13_100.0));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _files.Dispose();
    }

    private Task ImportAsync(IngestKind kind, string path) =>
        _host.Get<IngestService>().ImportAsync(_account.Id, _stream.Id, kind, path, null, CancellationToken.None);

    /// <summary>The real log's offsets, read on our own.</summary>
    private static List<double> Offsets() => [.. RealChat.Lines(RealChat.Small).Select(l => l.Offset).Order()];

    private async Task<(List<double> Chat, List<(StreamEventSource Source, double At)> Events, DateTime? ChatAt, DateTime? EventsAt, int Detections)> StateAsync()
    {
        await using var db = await _host.DbAsync();
        var stream = await db.Streams.AsNoTracking().SingleAsync(s => s.Id == _stream.Id);
        var chat = await db.ChatMessages.Where(m => m.StreamId == _stream.Id).Select(m => m.OffsetSeconds).ToListAsync();
        var events = await db.StreamEvents.Where(e => e.StreamId == _stream.Id).Select(e => new { e.Source, e.OffsetSeconds }).ToListAsync();
        var detections = await db.Jobs.CountAsync(j => j.StreamId == _stream.Id && j.Kind == DetectHighlightsRequest.JobKind);
        return ([.. chat.Order()], [.. events.Select(e => (e.Source, e.OffsetSeconds)).OrderBy(e => e.OffsetSeconds)], stream.ChatImportedAt, stream.EventsImportedAt, detections);
    }

    [Fact]
    public async Task The_whole_chat_and_its_events_move_later_and_detection_runs_again()
    {
        await ImportAsync(IngestKind.Chat, RealChat.Small);
        var before = await StateAsync();
        Assert.NotEmpty(before.Events); // the real chat's raid notices

        var outcome = await Shift.ShiftAsync(_account.Id, _stream.Id, 0, 12.5, "editor@example.com", CancellationToken.None);

        var after = await StateAsync();
        Assert.Equal(Offsets().Select(o => o + 12.5), after.Chat, Near.Offsets);
        Assert.Equal(before.Events.Select(e => e.At + 12.5), after.Events.Select(e => e.At), Near.Offsets);
        Assert.Equal((before.Chat.Count, 0, before.Events.Count, 0), (outcome.Lines, outcome.LinesLeftOut, outcome.Events, outcome.EventsLeftOut));
        Assert.True(after.ChatAt > before.ChatAt, "the chat's import time is renewed, so the stream's curves are built again");
        Assert.Null(after.EventsAt); // no events file: the chat's notices stay its events
        Assert.Equal(before.Detections + 1, after.Detections);
        Assert.Equal("12.5 s later", await MovesAsync());
        Assert.Equal(
            $"The chat and events moved 12.5 s later: {before.Chat.Count:N0} lines and {before.Events.Count} events. Detection runs again; trims, clips and dismissals stay.",
            outcome.Describe());
    }

    [Fact]
    public async Task After_a_reconnect_the_chat_moves_earlier_by_the_outage_and_what_was_sent_during_it_is_left_out()
    {
        await ImportAsync(IngestKind.Chat, RealChat.Small);
        await ImportAsync(IngestKind.Events, RaidsFile(1200, 3650, 5000)); // before the outage, during it, after it
        var before = await StateAsync();
        var offsets = Offsets();

        // The broadcast dropped at 1:00:00 and came back 95 s later; its VOD goes straight on, its chat by the clock.
        var outcome = await Shift.ShiftAsync(_account.Id, _stream.Id, 3600, -95, "editor@example.com", CancellationToken.None);

        var after = await StateAsync();
        var during = offsets.Count(o => o >= 3600 && o < 3695);
        Assert.True(during > 0, "the real chat has lines in the outage");
        Assert.Equal(offsets.Where(o => o < 3600).Concat(offsets.Where(o => o >= 3695).Select(o => o - 95)), after.Chat, Near.Offsets);
        Assert.Equal([1200, 4905], after.Events.Select(e => e.At));
        Assert.All(after.Events, e => Assert.Equal(StreamEventSource.EventsFile, e.Source));
        Assert.Equal((offsets.Count(o => o >= 3695), during, 1, 1), (outcome.Lines, outcome.LinesLeftOut, outcome.Events, outcome.EventsLeftOut));
        Assert.True(after.EventsAt > before.EventsAt);

        // The record says both moves; importing the chat again starts over from the file.
        await Shift.ShiftAsync(_account.Id, _stream.Id, 0, 12.5, "editor@example.com", CancellationToken.None);
        Assert.Equal("95.0 s earlier from 1:00:00.0, then 12.5 s later", await MovesAsync());
        var again = await _host.Get<IngestService>().ImportAsync(_account.Id, _stream.Id, IngestKind.Chat, RealChat.Small, null, CancellationToken.None);
        Assert.Equal("", await MovesAsync());
        Assert.Equal(offsets, (await StateAsync()).Chat, Near.Offsets);
        // The events file's events go back to its own seconds with the chat (the one sent in the outage stays out).
        Assert.Equal([1200, 5000], (await StateAsync()).Events.Select(e => e.At), Near.Offsets);
        Assert.Contains("; the chat's earlier moves (95.0 s earlier from 1:00:00.0, then 12.5 s later) no longer apply, and the events file's events are back at its own times", again.Note);
        Assert.Contains($"Chat and events from 1:00:00.0 on moved 95.0 s earlier: {offsets.Count(o => o >= 3695):N0} lines and 1 event; {during} lines and 1 event would fall before 1:00:00.0 and were left out.", outcome.Describe());
    }

    [Fact]
    public async Task An_events_file_imported_after_a_move_moves_as_the_chat_did()
    {
        await ImportAsync(IngestKind.Chat, RealChat.Small);
        await Shift.ShiftAsync(_account.Id, _stream.Id, 3600, -95, "editor@example.com", CancellationToken.None);
        await Shift.ShiftAsync(_account.Id, _stream.Id, 0, 12.5, "editor@example.com", CancellationToken.None);

        // The file's seconds are the chat's as recorded: before the outage, during it, after it.
        var result = await _host.Get<IngestService>().ImportAsync(_account.Id, _stream.Id, IngestKind.Events, RaidsFile(1200, 3650, 5000), null, CancellationToken.None);

        var after = await StateAsync();
        Assert.Equal([1212.5, 4917.5], after.Events.Select(e => e.At));
        Assert.Equal(2, result.Rows);
        Assert.Equal("; moved as the chat was (95.0 s earlier from 1:00:00.0, then 12.5 s later): 1 event would fall where the chat's moves left lines out and was left out too", result.Note);

        // A chat imported again starts over, and so does an events file after it.
        await ImportAsync(IngestKind.Chat, RealChat.Small);
        var again = await _host.Get<IngestService>().ImportAsync(_account.Id, _stream.Id, IngestKind.Events, RaidsFile(1200, 3650, 5000), null, CancellationToken.None);
        Assert.Equal([1200, 3650, 5000], (await StateAsync()).Events.Select(e => e.At));
        Assert.Equal("", again.Note);
    }

    [Fact]
    public async Task An_events_file_whose_chat_moves_while_it_is_imported_is_refused_and_the_events_before_it_stay()
    {
        await ImportAsync(IngestKind.Chat, RealChat.Small);
        await ImportAsync(IngestKind.Events, RaidsFile(1200));
        var before = await StateAsync();
        var rowsBefore = await EventRowsAsync();

        // The move lands after the import read the stream, before its rows show.
        var moving = new SyncProgress(p =>
        {
            if (p.Stage == "storing events" && p.Percent == 60)
            {
                Task.Run(() => Shift.ShiftAsync(_account.Id, _stream.Id, 0, 30, "other@example.com", CancellationToken.None)).GetAwaiter().GetResult();
            }
        });
        var refused = await Assert.ThrowsAsync<IngestException>(() =>
            _host.Get<IngestService>().ImportAsync(_account.Id, _stream.Id, IngestKind.Events, RaidsFile(2000, 3000), moving, CancellationToken.None));

        Assert.Contains("the stream's chat was moved or imported again while this file was imported; import it again", refused.Message);
        var after = await StateAsync();
        Assert.Equal(before.Events.Select(e => e.At + 30), after.Events.Select(e => e.At)); // the move's, and no row of the refused file
        Assert.Equal(before.Chat.Select(o => o + 30), after.Chat, Near.Offsets);
        Assert.Equal(rowsBefore, await EventRowsAsync());
        await using var db = await _host.DbAsync();
        Assert.Equal(0, await db.DataImports.CountAsync(i => i.StreamId == _stream.Id));
    }

    /// <summary>Every event row of the stream, shown or not: a refused import's rows are gone.</summary>
    private async Task<int> EventRowsAsync()
    {
        await using var db = await _host.DbAsync();
        return await db.StreamEvents.IgnoreQueryFilters().CountAsync(e => e.StreamId == _stream.Id);
    }

    /// <summary>An events file of raids at the given seconds of the chat's clock.</summary>
    private string RaidsFile(params double[] seconds)
    {
        var path = Path.Combine(_files.Path, $"raids-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(path, seconds.Select(s => $$$"""{"type":"channel.raid","offset_seconds":{{{s}}},"event":{"from_broadcaster_user_name":"r{{{s}}}","viewers":40}}"""));
        return path;
    }

    [Fact]
    public async Task A_move_that_cannot_be_made_is_refused_by_name_and_changes_nothing()
    {
        var (other, _) = await _host.AddAccountWithStreamAsync(name: "Other");
        var empty = await Assert.ThrowsAsync<StreamException>(() => Shift.ShiftAsync(_account.Id, _stream.Id, 0, 10, "e", CancellationToken.None));
        Assert.Contains("has no chat or events to move: import its chat first", empty.Message);

        await ImportAsync(IngestKind.Chat, RealChat.Small);
        var before = await StateAsync();
        var refusals = new (Func<Task> Move, string Says)[]
        {
            (() => Shift.ShiftAsync(_account.Id, _stream.Id, 0, 0, "e", CancellationToken.None), "cannot be moved by 0 s"),
            (() => Shift.ShiftAsync(_account.Id, _stream.Id, 0, double.NaN, "e", CancellationToken.None), "cannot be moved by NaN s"),
            (() => Shift.ShiftAsync(_account.Id, _stream.Id, 0, 90_000, "e", CancellationToken.None), "at most 86400 either way"),
            (() => Shift.ShiftAsync(_account.Id, _stream.Id, -5, 10, "e", CancellationToken.None), "cannot be moved from -5 s"),
            (() => Shift.ShiftAsync(_account.Id, _stream.Id, 13_100, 10, "e", CancellationToken.None), "cannot be moved from 3:38:20.0: stream"),
            (() => Shift.ShiftAsync(other.Id, _stream.Id, 0, 10, "e", CancellationToken.None), $"Stream {_stream.Id} was not found."),
        };
        foreach (var (move, says) in refusals)
        {
            Assert.Contains(says, (await Assert.ThrowsAsync<StreamException>(move)).Message);
        }

        // An import of the stream under way would replace or keep its own rows: the move waits for it.
        await using (var db = await _host.DbAsync())
        {
            db.Jobs.Add(new JobRecord { Id = Guid.NewGuid(), AccountId = _account.Id, StreamId = _stream.Id, Kind = ImportFileRequest.JobKind, Title = "Import chat other.json", Status = JobStatus.Running, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        Assert.Contains("is importing data (Import chat other.json); move its chat once that has finished",
            (await Assert.ThrowsAsync<StreamException>(() => Shift.ShiftAsync(_account.Id, _stream.Id, 0, 10, "e", CancellationToken.None))).Message);
        var after = await StateAsync();
        Assert.Equal(before.Chat, after.Chat);
        Assert.Equal(before.Events, after.Events);
        Assert.Equal((before.ChatAt, before.Detections), (after.ChatAt, after.Detections));
    }

    private async Task<string> MovesAsync()
    {
        await using var db = await _host.DbAsync();
        return ChatMoves.Parse(await db.Streams.Where(s => s.Id == _stream.Id).Select(s => s.ChatMoves).SingleAsync()).Describe();
    }

    public sealed class OnSqlite : ChatShiftTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.Sqlite;
    }

    [Trait(Speed.Name, Speed.Slow)]
    public sealed class OnPostgreSql : ChatShiftTests
    {
        protected override DatabaseEngine Engine => DatabaseEngine.PostgreSql;
    }
}
