using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Diagnostics;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Streams;

namespace VodManager.Core.Ingest;

/// <summary>
/// Imports a stream's chat, events or transcript file: the whole file is checked first, then streamed through the
/// parser into bulk inserts, a short write transaction per batch, under the import's own id. The rows stay invisible
/// until one small final write points the stream at the import (<see cref="ImportedRows"/>); what it replaced is then
/// purged in batches. A big file never holds the database writer for long, readers never see half a file, and a bad
/// line, a cancel or a crash leaves the previous import showing (its rows are purged then or by the start-up sweep).
/// </summary>
public sealed class IngestService(
    IDbContextFactory<VodDbContext> dbFactory,
    ChatLogParser chatParser,
    EventLogParser eventParser,
    TranscriptParser transcriptParser,
    ImportedRowsPurge purge,
    IOptions<IngestOptions> options,
    TimeProvider time,
    ILogger<IngestService> logger)
{
    /// <summary>A chat row's columns for <see cref="BulkInserter{T}"/>; 0 and 1 are the stream and the import, the rest <see cref="ChatValue"/>.</summary>
    internal static readonly string[] ChatColumns =
        [nameof(ChatMessage.StreamId), nameof(ChatMessage.ImportId), nameof(ChatMessage.OffsetSeconds), nameof(ChatMessage.AuthorId), nameof(ChatMessage.AuthorName), nameof(ChatMessage.Text), nameof(ChatMessage.EmoteCount), nameof(ChatMessage.Bits)];

    private static readonly string[] EventColumns =
        [nameof(StreamEvent.StreamId), nameof(StreamEvent.ImportId), nameof(StreamEvent.Type), nameof(StreamEvent.OffsetSeconds), nameof(StreamEvent.Magnitude), nameof(StreamEvent.Detail), nameof(StreamEvent.Source)];

    private static readonly string[] CueColumns =
        [nameof(TranscriptSegment.StreamId), nameof(TranscriptSegment.ImportId), nameof(TranscriptSegment.StartSeconds), nameof(TranscriptSegment.EndSeconds), nameof(TranscriptSegment.Text)];

    public async Task<IngestResult> ImportAsync(int accountId, int streamId, IngestKind kind, string path, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stream = await db.Streams.AsNoTracking().SingleOrDefaultAsync(s => s.Id == streamId && s.AccountId == accountId, cancellationToken)
            ?? throw new IngestException(name, $"stream {streamId} was not found");
        var sourceSeconds = await SourceSecondsAsync(db, accountId, streamId, cancellationToken);
        var end = options.Value.EndOf(sourceSeconds); // events and cues past it are refused
        var stage = kind.ToString().ToLowerInvariant();

        progress?.Report(new JobProgress($"checking {stage}", 0, name));
        // A start nobody gave is not a clock to count from: the file's own times say when the broadcast began.
        var assumed = stream.StartAssumed && kind != IngestKind.Transcript;
        var chatSays = kind == IngestKind.Chat ? new ChatMetadataScan() : null;
        var eventsSay = kind == IngestKind.Events && assumed ? new EventsMetadataScan() : null;
        var rows = await CheckAsync(kind, path, end, assumed ? null : stream.StartedAt, progress, cancellationToken, chatSays, eventsSay);
        var began = (chatSays?.Result() ?? eventsSay?.Result())?.StartedAt;
        var newStart = assumed ? began : null;
        if (kind == IngestKind.Chat && !assumed && began is { } chatStart)
        {
            RefuseOtherBroadcast(name, chatStart, stream.StartedAt);
        }

        progress?.Report(new JobProgress($"storing {stage}", 60, $"{rows:N0} rows"));
        await using var input = await IngestInput.OpenAsync(path, options.Value, cancellationToken);
        var import = new DataImport { StreamId = streamId, ExpiresAt = LeaseEnd() };
        db.DataImports.Add(import);
        await db.SaveChangesAsync(cancellationToken);
        var store = new Store(this, db, import, new ProgressReporter(input, progress, $"storing {stage}", 60, 40), newStart);
        var clockStart = newStart ?? stream.StartedAt;
        IngestResult result;
        try
        {
            result = kind switch
            {
                IngestKind.Chat => await ImportChatAsync(store, stream, clockStart, input, cancellationToken),
                IngestKind.Events => await ImportEventsAsync(store, stream, input, end, clockStart, cancellationToken),
                _ => await ImportTranscriptAsync(store, input, end, cancellationToken),
            };
        }
        catch
        {
            await DropAsync(import, CancellationToken.None);
            throw;
        }

        if (kind == IngestKind.Chat && sourceSeconds is { } video)
        {
            result = result with { Note = ChatPastVideo.Note(await ChatPastVideo.CountAsync(db, streamId, video, options.Value, cancellationToken), video) };
        }

        if (newStart is { } start)
        {
            result = result with { Note = $"; the stream now starts {start:yyyy-MM-dd HH:mm:ss} UTC, when the {(kind == IngestKind.Chat ? "chat says" : "events say")} the broadcast began{result.Note}" };
        }

        progress?.Report(new JobProgress("imported", 100, $"{result.Rows:N0} rows{result.Note}"));
        logger.LogInformation("Imported {Kind} {File} into stream {StreamId}: {Rows} rows, {Notices} events from chat notices", kind, name, streamId, result.Rows, result.NoticeEvents);

        // The superseded rows go now; should this fail or the process die first, the import's lease lapses and the
        // start-up sweep finishes the purge.
        await purge.PurgeAsync(streamId, null, cancellationToken);
        await db.DataImports.Where(i => i.Id == import.Id).ExecuteDeleteAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// A chat whose broadcast began further from the stream's start than <see cref="IngestOptions.ChatStartToleranceMinutes"/>
    /// is another broadcast's (or the start was typed wrong): refused before it replaces the stream's chat and detects
    /// again from it.
    /// </summary>
    private void RefuseOtherBroadcast(string name, DateTime began, DateTime streamStart)
    {
        var apart = began - streamStart;
        if (Math.Abs(apart.TotalMinutes) <= options.Value.ChatStartToleranceMinutes)
        {
            return;
        }

        throw new IngestException(name,
            $"it is the chat of a broadcast that began {began:yyyy-MM-dd HH:mm} UTC, {Strings.Apart(apart.Duration())} {(apart < TimeSpan.Zero ? "before" : "after")} " +
            $"this stream's start ({streamStart:yyyy-MM-dd HH:mm} UTC). Is it this stream's chat? If it is, correct the stream's start (Edit, on its page) and import it again.");
    }

    /// <summary>A failed import: its lease lapses first, so its rows are purgeable here or, after a crash, by the sweep.</summary>
    private async Task DropAsync(DataImport import, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.DataImports.Where(i => i.Id == import.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTime.MinValue), cancellationToken);
        await purge.PurgeAsync(import.StreamId, import.Id, cancellationToken);
        await db.DataImports.Where(i => i.Id == import.Id).ExecuteDeleteAsync(cancellationToken);
    }

    private int BatchSize => options.Value.BatchSize;

    private TimeProvider Time => time;

    private DateTime LeaseEnd() => time.GetUtcNow().UtcDateTime + options.Value.ImportLease;

    /// <summary>
    /// Parses a whole file and stores nothing, as an import's first pass does, so a new stream's files can be refused
    /// before the stream exists. With the source's length, events and cues past its end are refused too.
    /// </summary>
    public Task<long> ValidateAsync(IngestKind kind, string path, double? sourceSeconds, CancellationToken cancellationToken) =>
        CheckAsync(kind, path, options.Value.EndOf(sourceSeconds), clockStart: null, progress: null, cancellationToken);

    /// <summary>
    /// Checks a chat file whole as its import's first pass does and returns what it says about its broadcast
    /// (<see cref="ChatMetadataScan"/>), in the same single read.
    /// </summary>
    public async Task<Streams.StreamMetadata> ValidateChatAsync(string path, CancellationToken cancellationToken)
    {
        var metadata = new ChatMetadataScan();
        await CheckAsync(IngestKind.Chat, path, end: null, clockStart: null, progress: null, cancellationToken, metadata);
        return metadata.Result();
    }

    /// <summary>
    /// Checks an events file whole as its import's first pass does and returns what its EventSub messages say about
    /// their broadcast (<see cref="EventsMetadataScan"/>), in the same single read.
    /// </summary>
    public async Task<Streams.StreamMetadata> ValidateEventsAsync(string path, double? sourceSeconds, DateTime? clockStart, CancellationToken cancellationToken)
    {
        var metadata = new EventsMetadataScan();
        await CheckAsync(IngestKind.Events, path, options.Value.EndOf(sourceSeconds), clockStart, progress: null, cancellationToken, eventsMetadata: metadata);
        return metadata.Result();
    }

    /// <summary>The first pass: the whole file parsed, nothing stored, progress 0..60 %; a bad file fails here.</summary>
    /// <param name="clockStart">The stream's start, which a chat log or events stamped with UTC times count from.</param>
    /// <param name="metadata">Gathers what a chat says about its broadcast, on the same pass.</param>
    /// <param name="eventsMetadata">Gathers what EventSub messages say about their broadcast, on the same pass.</param>
    private async Task<long> CheckAsync(
        IngestKind kind,
        string path,
        double? end,
        DateTime? clockStart,
        IProgress<JobProgress>? progress,
        CancellationToken cancellationToken,
        ChatMetadataScan? metadata = null,
        EventsMetadataScan? eventsMetadata = null)
    {
        using var activity = VodActivities.Start(VodActivities.IngestCheck);
        await using var input = await IngestInput.OpenAsync(path, options.Value, cancellationToken);
        var report = new ProgressReporter(input, progress, $"checking {kind.ToString().ToLowerInvariant()}", 0, 60);
        long rows = 0;
        switch (kind)
        {
            case IngestKind.Chat:
                await foreach (var batch in chatParser.ReadAsync(input, ChatReadMode.Full, clockStart, metadata, cancellationToken))
                {
                    report.Tick(rows += batch.Count);
                }

                break;
            case IngestKind.Events:
                await foreach (var _ in eventParser.ReadAsync(input, end, clockStart, eventsMetadata, cancellationToken))
                {
                    report.Tick(++rows);
                }

                break;
            default:
                await foreach (var _ in transcriptParser.ReadAsync(input, end, cancellationToken))
                {
                    report.Tick(++rows);
                }

                break;
        }

        return rows;
    }

    /// <param name="clockStart">What the chat's UTC or live-capture times count from: the stream's start, or the one the chat gives it.</param>
    private async Task<IngestResult> ImportChatAsync(Store store, LiveStream stream, DateTime clockStart, IngestInput input, CancellationToken cancellationToken)
    {
        var notices = new ChatNoticeCollector();
        var last = 0.0;
        var rows = await store.WriteAsync(Lines(), typeof(ChatMessage), ChatColumns, ChatValue, cancellationToken);

        // An events file is the better record of subs, gifts and raids; chat notices stand in only without one.
        var noticeEvents = stream.EventsImportedAt is null ? notices.Events : [];
        await store.WriteAsync(noticeEvents.ToAsyncEnumerable(), typeof(StreamEvent), EventColumns, EventValue(StreamEventSource.ChatNotice), cancellationToken);
        var duration = last > 0 ? Math.Ceiling(last) : (double?)null;

        // A new chat starts over from its file, so the moves editors made to the old one end; an events file moved with
        // them goes back to its own seconds with it, or it would stand that far from the chat reacting to it.
        var moves = ChatMoves.Parse(stream.ChatMoves);
        var movedEvents = moves.Moves.Count > 0 && stream.EventsImportedAt is not null ? stream.EventsImportId : (long?)null;
        Expression<Func<LiveStream, bool>> unchanged = movedEvents is null
            ? s => s.ChatMoves == stream.ChatMoves
            : s => s.ChatMoves == stream.ChatMoves && s.EventsImportId == movedEvents;
        await store.ShowAsync(s => s
            .SetProperty(x => x.ChatImportId, store.ImportId)
            .SetProperty(x => x.ChatImportedAt, time.GetUtcNow().UtcDateTime)
            .SetProperty(x => x.ChatMoves, (string?)null)
            .SetProperty(x => x.DurationSeconds, x => x.DurationSeconds ?? duration), input.Name, cancellationToken,
            (unchanged, "the stream's chat was moved, or its events imported again, while this chat was imported; import it again"),
            movedEvents is { } events ? ct => store.MoveEventsAsync(events, moves.Undoing(), ct) : null);
        var note = movedEvents is null ? "" : $"; the chat's earlier moves ({moves.Describe()}) no longer apply, and the events file's events are back at its own times";
        return new IngestResult(IngestKind.Chat, input.Name, rows, noticeEvents.Count, note);

        async IAsyncEnumerable<ChatRecord> Lines()
        {
            await foreach (var batch in chatParser.ReadAsync(input, ChatReadMode.Full, clockStart, cancellationToken))
            {
                foreach (var record in batch)
                {
                    last = Math.Max(last, record.OffsetSeconds);
                    if (record.Notice is { } notice)
                    {
                        notices.Add(record.OffsetSeconds, notice);
                    }

                    yield return record;
                }
            }
        }
    }

    private async Task<IngestResult> ImportEventsAsync(Store store, LiveStream stream, IngestInput input, double? end, DateTime clockStart, CancellationToken cancellationToken)
    {
        // An events file counts on the chat's clock: once editors moved the chat against the video (ChatShift), the
        // file's events move as it did, or each would stand that far from the chat reacting to it.
        var moves = ChatMoves.Parse(stream.ChatMoves);
        var leftOut = 0;

        // The file covers what chat notices stood in for: once it shows, they are hidden (and purged).
        var rows = await store.WriteAsync(Placed(), typeof(StreamEvent), EventColumns, EventValue(StreamEventSource.EventsFile), cancellationToken);
        await store.ShowAsync(s => s
            .SetProperty(x => x.EventsImportId, store.ImportId)
            .SetProperty(x => x.EventsImportedAt, time.GetUtcNow().UtcDateTime), input.Name, cancellationToken,
            (s => s.ChatMoves == stream.ChatMoves, "the stream's chat was moved or imported again while this file was imported; import it again, so its events line up with the chat as it is now"));
        var note = moves.Moves.Count == 0 ? "" : $"; moved as the chat was ({moves.Describe()})" +
            (leftOut == 0 ? "" : $": {leftOut} event{(leftOut == 1 ? "" : "s")} would fall where the chat's moves left lines out and {(leftOut == 1 ? "was" : "were")} left out too");
        return new IngestResult(IngestKind.Events, input.Name, rows, 0, note);

        async IAsyncEnumerable<EventRecord> Placed()
        {
            await foreach (var record in eventParser.ReadAsync(input, end, clockStart, cancellationToken))
            {
                if (moves.Place(record.OffsetSeconds) is { } at)
                {
                    yield return record with { OffsetSeconds = at };
                }
                else
                {
                    leftOut++;
                }
            }
        }
    }

    private async Task<IngestResult> ImportTranscriptAsync(Store store, IngestInput input, double? end, CancellationToken cancellationToken)
    {
        var rows = await store.WriteAsync(transcriptParser.ReadAsync(input, end, cancellationToken), typeof(TranscriptSegment), CueColumns, (c, column) => column switch
        {
            2 => c.StartSeconds,
            3 => c.EndSeconds,
            _ => c.Text,
        }, cancellationToken);
        await store.ShowAsync(s => s
            .SetProperty(x => x.TranscriptImportId, store.ImportId)
            .SetProperty(x => x.TranscriptImportedAt, time.GetUtcNow().UtcDateTime), input.Name, cancellationToken);
        return new IngestResult(IngestKind.Transcript, input.Name, rows, 0);
    }

    /// <summary>Column i ≥ 2 of <see cref="ChatColumns"/> for a chat line.</summary>
    internal static object? ChatValue(ChatRecord r, int column) => column switch
    {
        2 => r.OffsetSeconds,
        3 => r.AuthorId,
        4 => r.AuthorName,
        5 => r.Text,
        6 => r.Emotes,
        _ => r.Bits,
    };

    private static Func<EventRecord, int, object?> EventValue(StreamEventSource source) => (e, column) => column switch
    {
        2 => e.Type,
        3 => e.OffsetSeconds,
        4 => e.Magnitude,
        5 => e.Detail,
        _ => source,
    };

    /// <summary>How long the stream's source video is; null without a source.</summary>
    private static Task<double?> SourceSecondsAsync(VodDbContext db, int accountId, int streamId, CancellationToken cancellationToken) =>
        db.Vods.AsNoTracking().StoredSourcesOf(accountId, streamId)
            .Select(v => v.DurationSeconds)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Reports how far through the file an import is, at most a few times a second.</summary>
    private sealed class ProgressReporter(IngestInput input, IProgress<JobProgress>? progress, string stage, double from, double span)
    {
        private long _lastTick = Environment.TickCount64;

        public void Tick(long rows)
        {
            if (progress is null || Environment.TickCount64 - _lastTick < 250)
            {
                return;
            }

            _lastTick = Environment.TickCount64;
            progress.Report(new JobProgress(stage, from + input.Fraction * span, $"{rows:N0} rows"));
        }
    }

    /// <summary>
    /// Stores one import's rows: a batch is parsed with no lock held, then written in write transactions that also
    /// renew the import's lease, taking turns at the writer (<see cref="WriterTurn"/>) so other writers (any account,
    /// any process) are not held up for long.
    /// </summary>
    /// <param name="newStart">The start the file gives a stream whose start nobody gave, set with the rows it places.</param>
    private sealed class Store(IngestService owner, VodDbContext db, DataImport import, ProgressReporter progress, DateTime? newStart)
    {
        private readonly WriterTurn _turn = new(owner.Time);
        private long _stored;

        public long ImportId => import.Id;

        /// <param name="value">Column i ≥ 2 of a row; columns 0 and 1 are the stream and the import.</param>
        public async Task<long> WriteAsync<T>(IAsyncEnumerable<T> records, Type entity, string[] columns, Func<T, int, object?> value, CancellationToken cancellationToken)
        {
            var batch = new List<T>(owner.BatchSize);
            long rows = 0;
            await foreach (var record in records.WithCancellation(cancellationToken))
            {
                batch.Add(record);
                if (batch.Count == batch.Capacity)
                {
                    rows += await FlushAsync(batch, cancellationToken);
                }
            }

            return rows + await FlushAsync(batch, cancellationToken);

            async Task<long> FlushAsync(List<T> rows, CancellationToken cancellationToken)
            {
                var done = 0;
                while (done < rows.Count)
                {
                    await _turn.PassAsync(cancellationToken);
                    using (VodActivities.Start(VodActivities.IngestStore))
                    {
                        done += await db.InTransactionAsync(async ct =>
                        {
                            var stored = 0;
                            await using (var inserter = new BulkInserter<T>(db, entity, columns, (r, column) => column switch
                            {
                                0 => import.StreamId,
                                1 => import.Id,
                                _ => value(r, column),
                            }))
                            {
                                // Bounded by time, not rows: on a busy machine a batch's rows can take seconds to store.
                                while (done + stored < rows.Count && (stored == 0 || !_turn.Over))
                                {
                                    await inserter.AddAsync(rows[done + stored++], ct);
                                }

                                await inserter.FlushAsync(ct);
                            }

                            var lease = owner.LeaseEnd();
                            await db.DataImports.Where(i => i.Id == import.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, lease), ct);
                            return stored;
                        }, cancellationToken);
                    }
                }

                var count = rows.Count;
                rows.Clear();
                progress.Tick(_stored += count);
                return count;
            }
        }

        /// <summary>The one short write that makes the import visible (and hides what it replaces), with the start it gives.</summary>
        /// <param name="unchanged">What must still hold of the stream as the import read it, and what to say when it no longer does.</param>
        /// <param name="alongside">Another write that stands or falls with it, in its transaction.</param>
        public async Task ShowAsync(Action<UpdateSettersBuilder<LiveStream>> point, string name, CancellationToken cancellationToken,
            (Expression<Func<LiveStream, bool>> Holds, string Otherwise)? unchanged = null, Func<CancellationToken, Task>? alongside = null)
        {
            using var activity = VodActivities.Start(VodActivities.IngestShow);
            var stream = db.Streams.Where(s => s.Id == import.StreamId);
            if (newStart is { } start)
            {
                // Only while no one else gave the start: the rows count from this one.
                stream = stream.Where(s => s.StartAssumed);
                point += s => s.SetProperty(x => x.StartedAt, start).SetProperty(x => x.StartAssumed, false);
            }

            if (unchanged is { } condition)
            {
                stream = stream.Where(condition.Holds);
            }

            var shown = await db.InTransactionAsync(async ct =>
            {
                if (await stream.ExecuteUpdateAsync(point, ct) == 0)
                {
                    return false;
                }

                if (alongside is not null)
                {
                    await alongside(ct);
                }

                return true;
            }, cancellationToken);
            if (!shown)
            {
                var now = await db.Streams.AsNoTracking().Where(s => s.Id == import.StreamId).Select(s => new { s.StartAssumed }).SingleOrDefaultAsync(cancellationToken);
                throw new IngestException(name,
                    now is null ? $"stream {import.StreamId} was deleted during the import"
                    : newStart is not null && !now.StartAssumed ? "the stream's start was set while this file was imported; import it again, so its times count from that start"
                    : unchanged?.Otherwise ?? "the stream changed while this file was imported; import it again");
            }
        }

        /// <summary>Moves the rows of an events file's import at or after each step's point by its seconds, step by step.</summary>
        public async Task MoveEventsAsync(long eventsImportId, IEnumerable<(double From, double By)> steps, CancellationToken cancellationToken)
        {
            foreach (var (from, by) in steps)
            {
                await db.StreamEvents.IgnoreQueryFilters()
                    .Where(e => e.StreamId == import.StreamId && e.ImportId == eventsImportId && e.Source == StreamEventSource.EventsFile && e.OffsetSeconds >= from)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.OffsetSeconds, e => e.OffsetSeconds + by), cancellationToken);
            }
        }
    }
}
