using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Jobs;

namespace VodManager.Core.Ingest;

/// <summary>
/// Imports a stream's chat, events or transcript file: streamed from disk through the parser straight into bulk
/// inserts, inside one transaction that also replaces what the stream held of that kind before. A bad line anywhere
/// rolls the whole import back, so a stream never holds half a file.
/// </summary>
public sealed class IngestService(
    IDbContextFactory<VodDbContext> dbFactory,
    ChatLogParser chatParser,
    EventLogParser eventParser,
    TranscriptParser transcriptParser,
    IOptions<IngestOptions> options,
    TimeProvider time,
    ILogger<IngestService> logger)
{
    private static readonly string[] ChatColumns =
        [nameof(ChatMessage.StreamId), nameof(ChatMessage.OffsetSeconds), nameof(ChatMessage.AuthorId), nameof(ChatMessage.AuthorName), nameof(ChatMessage.Text), nameof(ChatMessage.EmoteCount), nameof(ChatMessage.Bits)];

    private static readonly string[] EventColumns =
        [nameof(StreamEvent.StreamId), nameof(StreamEvent.Type), nameof(StreamEvent.OffsetSeconds), nameof(StreamEvent.Magnitude), nameof(StreamEvent.Detail), nameof(StreamEvent.Source)];

    private static readonly string[] CueColumns =
        [nameof(TranscriptSegment.StreamId), nameof(TranscriptSegment.StartSeconds), nameof(TranscriptSegment.EndSeconds), nameof(TranscriptSegment.Text)];

    public async Task<IngestResult> ImportAsync(int accountId, int streamId, IngestKind kind, string path, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Streams.AnyAsync(s => s.Id == streamId && s.AccountId == accountId, cancellationToken))
        {
            throw new IngestException(name, $"stream {streamId} was not found");
        }

        var end = await SourceEndAsync(db, accountId, streamId, cancellationToken);

        progress?.Report(new JobProgress($"checking {kind.ToString().ToLowerInvariant()}", 0, name));
        var rows = await CheckAsync(kind, path, end, progress, cancellationToken);

        // No progress while the write transaction is open: a job's progress write would queue behind it (on SQLite,
        // on this very thread), so the file is checked whole first and the write pass only stores.
        progress?.Report(new JobProgress($"storing {kind.ToString().ToLowerInvariant()}", 60, $"{rows:N0} rows"));
        var result = await db.InTransactionAsync(async ct =>
        {
            // Opened per attempt: a replay after a transient failure reads the file again from its start.
            await using var input = await IngestInput.OpenAsync(path, options.Value, ct);
            var stream = await db.Streams.SingleAsync(s => s.Id == streamId, ct);
            var imported = kind switch
            {
                IngestKind.Chat => await ImportChatAsync(db, stream, input, ct),
                IngestKind.Events => await ImportEventsAsync(db, stream, input, end, ct),
                _ => await ImportTranscriptAsync(db, stream, input, end, ct),
            };

            await db.SaveChangesAsync(ct);
            return imported;
        }, cancellationToken);
        progress?.Report(new JobProgress("imported", 100, $"{result.Rows:N0} rows"));
        logger.LogInformation("Imported {Kind} {File} into stream {StreamId}: {Rows} rows, {Notices} events from chat notices", kind, name, streamId, result.Rows, result.NoticeEvents);
        return result;
    }

    /// <summary>
    /// Parses a whole file and stores nothing, as an import's first pass does, so a new stream's files can be refused
    /// before the stream exists. With the source's length, events and cues past its end are refused too.
    /// </summary>
    public Task<long> ValidateAsync(IngestKind kind, string path, double? sourceSeconds, CancellationToken cancellationToken) =>
        CheckAsync(kind, path, sourceSeconds + options.Value.EndToleranceSeconds, progress: null, cancellationToken);

    /// <summary>The first pass: the whole file parsed, nothing stored, progress 0..60 %; a bad file fails here.</summary>
    private async Task<long> CheckAsync(IngestKind kind, string path, double? end, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        await using var input = await IngestInput.OpenAsync(path, options.Value, cancellationToken);
        var report = new ProgressReporter(input, progress, $"checking {kind.ToString().ToLowerInvariant()}", 60);
        long rows = 0;
        switch (kind)
        {
            case IngestKind.Chat:
                await foreach (var batch in chatParser.ReadAsync(input, ChatReadMode.Full, cancellationToken))
                {
                    report.Tick(rows += batch.Count);
                }

                break;
            case IngestKind.Events:
                await foreach (var _ in eventParser.ReadAsync(input, end, cancellationToken))
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

    private async Task<IngestResult> ImportChatAsync(VodDbContext db, LiveStream stream, IngestInput input, CancellationToken cancellationToken)
    {
        await db.ChatMessages.Where(m => m.StreamId == stream.Id).ExecuteDeleteAsync(cancellationToken);
        await db.StreamEvents.Where(e => e.StreamId == stream.Id && e.Source == StreamEventSource.ChatNotice).ExecuteDeleteAsync(cancellationToken);

        var notices = new ChatNoticeCollector();
        var last = 0.0;
        await using var rows = new BulkInserter<ChatRecord>(db, typeof(ChatMessage), ChatColumns, (r, column) => column switch
        {
            0 => stream.Id,
            1 => r.OffsetSeconds,
            2 => r.AuthorId,
            3 => r.AuthorName,
            4 => r.Text,
            5 => r.Emotes,
            _ => r.Bits,
        });
        await foreach (var batch in chatParser.ReadAsync(input, ChatReadMode.Full, cancellationToken))
        {
            foreach (var record in batch)
            {
                await rows.AddAsync(record, cancellationToken);
                last = Math.Max(last, record.OffsetSeconds);
                if (record.Notice is { } notice)
                {
                    notices.Add(record.OffsetSeconds, notice);
                }
            }
        }

        await rows.FlushAsync(cancellationToken);

        // An events file is the better record of subs, gifts and raids; chat notices stand in only without one.
        var noticeEvents = stream.EventsImportedAt is null ? notices.Events : [];
        await InsertEventsAsync(db, stream.Id, noticeEvents, StreamEventSource.ChatNotice, cancellationToken);
        stream.ChatImportedAt = time.GetUtcNow().UtcDateTime;
        stream.DurationSeconds ??= last > 0 ? Math.Ceiling(last) : null;
        return new IngestResult(IngestKind.Chat, input.Name, rows.Inserted, noticeEvents.Count);
    }

    private async Task<IngestResult> ImportEventsAsync(VodDbContext db, LiveStream stream, IngestInput input, double? end, CancellationToken cancellationToken)
    {
        // The file covers what chat notices stood in for: both go, the file's events come in.
        await db.StreamEvents.Where(e => e.StreamId == stream.Id).ExecuteDeleteAsync(cancellationToken);
        var events = new List<EventRecord>();
        await foreach (var record in eventParser.ReadAsync(input, end, cancellationToken))
        {
            events.Add(record);
        }

        await InsertEventsAsync(db, stream.Id, events, StreamEventSource.EventsFile, cancellationToken);
        stream.EventsImportedAt = time.GetUtcNow().UtcDateTime;
        return new IngestResult(IngestKind.Events, input.Name, events.Count, 0);
    }

    private async Task<IngestResult> ImportTranscriptAsync(VodDbContext db, LiveStream stream, IngestInput input, double? end, CancellationToken cancellationToken)
    {
        await db.TranscriptSegments.Where(t => t.StreamId == stream.Id).ExecuteDeleteAsync(cancellationToken);
        await using var rows = new BulkInserter<TranscriptCue>(db, typeof(TranscriptSegment), CueColumns, (c, column) => column switch
        {
            0 => stream.Id,
            1 => c.StartSeconds,
            2 => c.EndSeconds,
            _ => c.Text,
        });
        await foreach (var cue in transcriptParser.ReadAsync(input, end, cancellationToken))
        {
            await rows.AddAsync(cue, cancellationToken);
        }

        await rows.FlushAsync(cancellationToken);
        stream.TranscriptImportedAt = time.GetUtcNow().UtcDateTime;
        return new IngestResult(IngestKind.Transcript, input.Name, rows.Inserted, 0);
    }

    private static async Task InsertEventsAsync(VodDbContext db, int streamId, IReadOnlyList<EventRecord> events, StreamEventSource source, CancellationToken cancellationToken)
    {
        await using var rows = new BulkInserter<EventRecord>(db, typeof(StreamEvent), EventColumns, (e, column) => column switch
        {
            0 => streamId,
            1 => e.Type,
            2 => e.OffsetSeconds,
            3 => e.Magnitude,
            4 => e.Detail,
            _ => source,
        });
        foreach (var e in events)
        {
            await rows.AddAsync(e, cancellationToken);
        }

        await rows.FlushAsync(cancellationToken);
    }

    /// <summary>Where the stream's source video ends (plus tolerance): events and cues past it are refused. Null without a source.</summary>
    private async Task<double?> SourceEndAsync(VodDbContext db, int accountId, int streamId, CancellationToken cancellationToken)
    {
        var duration = await db.Vods.AsNoTracking()
            .Where(v => v.AccountId == accountId && v.StreamId == streamId && v.Type == VodType.Archive && v.Status == VodStatus.Stored)
            .OrderByDescending(v => v.Id)
            .Select(v => v.DurationSeconds)
            .FirstOrDefaultAsync(cancellationToken);
        return duration + options.Value.EndToleranceSeconds;
    }

    /// <summary>Reports how far through the file an import is, at most a few times a second.</summary>
    private sealed class ProgressReporter(IngestInput input, IProgress<JobProgress>? progress, string stage, double upTo)
    {
        private long _lastTick = Environment.TickCount64;

        public void Tick(long rows)
        {
            if (progress is null || Environment.TickCount64 - _lastTick < 250)
            {
                return;
            }

            _lastTick = Environment.TickCount64;
            progress.Report(new JobProgress(stage, input.Fraction * upTo, $"{rows:N0} rows"));
        }
    }
}
