using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using VodManager.Core.Cutting;
using VodManager.Core.Data;
using VodManager.Core.Detection;
using VodManager.Core.Jobs;
using VodManager.Core.Streams;

namespace VodManager.Core.Ingest;

/// <summary>What a chat shift moved and left out.</summary>
public sealed record ChatShiftOutcome(double FromSeconds, double BySeconds, int Lines, int LinesLeftOut, int Events, int EventsLeftOut)
{
    /// <summary>The editor's words for it: "Chat and events from 10:00.0 on moved 95.0 s earlier: 525 lines; 110 lines would fall …".</summary>
    public string Describe()
    {
        var what = FromSeconds > 0 ? $"Chat and events from {ClipBounds.Clock(FromSeconds)} on" : "The chat and events";
        var way = $"{Math.Abs(BySeconds).ToString("0.0", CultureInfo.InvariantCulture)} s {(BySeconds < 0 ? "earlier" : "later")}";
        var text = $"{what} moved {way}: {Counts(Lines, Events) ?? "nothing was there to move"}";
        if (Counts(LinesLeftOut, EventsLeftOut) is { } leftOut)
        {
            text += $"; {leftOut} would fall before {(FromSeconds > 0 ? ClipBounds.Clock(FromSeconds) : "the video's start")} and {(LinesLeftOut + EventsLeftOut == 1 ? "was" : "were")} left out";
        }

        return text + ". Detection runs again; trims, clips and dismissals stay.";
    }

    /// <summary>"525 lines and 3 events", the counts that are not 0; null when both are.</summary>
    private static string? Counts(int lines, int events) =>
        string.Join(" and ", new[] { Count(lines, "line"), Count(events, "event") }.Where(c => c is not null)) is { Length: > 0 } counts ? counts : null;

    private static string? Count(int n, string noun) => n == 0 ? null : $"{n.ToString("N0", CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";
}

/// <summary>
/// Moves a stream's chat and events against its video, when they do not line up: a chat recorded apart from the video
/// (a live capture, a local recording begun late), or a Twitch VOD after a reconnect, whose chat runs ahead by as long
/// as the stream was down (its VOD keeps only part of the outage; its chat counts by the clock). The lines from a point
/// on move by the same seconds; lines a move earlier would put before that point were sent while there is no video to
/// go with them (the outage), and are left out, as an import leaves out chat sent before the recording began. The
/// transcript comes from the video and stays. Detection then runs again, so highlights follow the chat.
/// </summary>
public sealed class ChatShift(IDbContextFactory<VodDbContext> dbFactory, DetectionJobs detection, IProgressBus bus, TimeProvider time, ILogger<ChatShift> logger)
{
    /// <summary>The largest move, a day either way: anything more is a wrong number, not a late recording.</summary>
    public const double MaxSeconds = 86_400;

    public async Task<ChatShiftOutcome> ShiftAsync(int accountId, int streamId, double fromSeconds, double bySeconds, string actor, CancellationToken cancellationToken)
    {
        if (!double.IsFinite(bySeconds) || Math.Abs(bySeconds) < 0.05 || Math.Abs(bySeconds) > MaxSeconds)
        {
            throw new StreamException($"The chat cannot be moved by {bySeconds.ToString(CultureInfo.InvariantCulture)} s: give the seconds to move it, earlier (below 0) or later, at most {MaxSeconds:0} either way and not 0.");
        }

        if (!double.IsFinite(fromSeconds) || fromSeconds < 0)
        {
            throw new StreamException($"The chat cannot be moved from {fromSeconds.ToString(CultureInfo.InvariantCulture)} s: the point it moves from is a second of the video, 0 or later.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stream = await db.Streams.AsNoTracking().Where(s => s.Id == streamId && s.AccountId == accountId)
            .Select(s => new { s.Title, s.ChatImportedAt, s.EventsImportedAt, s.DurationSeconds })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new StreamException($"Stream {streamId} was not found.");
        if (stream.ChatImportedAt is null && stream.EventsImportedAt is null)
        {
            throw new StreamException($"Stream '{stream.Title}' has no chat or events to move: import its chat first.");
        }

        if (stream.DurationSeconds is { } length && fromSeconds >= length)
        {
            throw new StreamException($"The chat cannot be moved from {ClipBounds.Clock(fromSeconds)}: stream '{stream.Title}' ends at {ClipBounds.Clock(length)}.");
        }

        // An import would replace the rows under the move, or keep its own unmoved: one after the other.
        if (await db.Jobs.AsNoTracking().Where(j => j.AccountId == accountId && j.StreamId == streamId && j.Kind == ImportFileRequest.JobKind
                    && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running))
                .Select(j => j.Title).FirstOrDefaultAsync(cancellationToken) is { } importing)
        {
            throw new StreamException($"Stream '{stream.Title}' is importing data ({importing}); move its chat once that has finished.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (lines, linesLeftOut, events, eventsLeftOut) = await db.InTransactionAsync(async ct =>
        {
            // The record of moves and the current imports are read and written in the transaction, on the condition
            // they are unchanged: two editors moving the chat at once would otherwise both move it, each believing
            // theirs the only move, and an import that ended meanwhile would get the record of a move it never had.
            var current = await db.Streams.Where(s => s.Id == streamId).Select(s => new { s.ChatMoves, s.ChatImportId, s.EventsImportId }).SingleAsync(ct);
            var recorded = ChatMoves.Parse(current.ChatMoves).With(fromSeconds, bySeconds).Store();
            if (await db.Streams.Where(s => s.Id == streamId && s.ChatMoves == current.ChatMoves && s.ChatImportId == current.ChatImportId && s.EventsImportId == current.EventsImportId)
                    .ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.ChatMoves, recorded)
                    // New import times: the stream's curves (the minimap's, refinement's) are built from the rows again.
                    .SetProperty(x => x.ChatImportedAt, x => x.ChatImportedAt == null ? null : now)
                    .SetProperty(x => x.EventsImportedAt, x => x.EventsImportedAt == null ? null : now), ct) == 0)
            {
                throw new StreamException($"The chat of stream '{stream.Title}' was moved or imported meanwhile: look at it again before moving it.");
            }

            // The current imports' rows (an earlier import's rows wait, hidden, to be swept).
            var chat = db.ChatMessages.IgnoreQueryFilters().Where(m => m.StreamId == streamId && m.ImportId == current.ChatImportId && m.OffsetSeconds >= fromSeconds);
            var shown = db.StreamEvents.IgnoreQueryFilters().Where(e => e.StreamId == streamId && e.OffsetSeconds >= fromSeconds
                && (e.Source == StreamEventSource.EventsFile ? e.ImportId == current.EventsImportId : e.ImportId == current.ChatImportId));
            var linesLeftOut = await chat.Where(m => m.OffsetSeconds + bySeconds < fromSeconds).ExecuteDeleteAsync(ct);
            var eventsLeftOut = await shown.Where(e => e.OffsetSeconds + bySeconds < fromSeconds).ExecuteDeleteAsync(ct);
            var lines = await chat.ExecuteUpdateAsync(s => s.SetProperty(m => m.OffsetSeconds, m => m.OffsetSeconds + bySeconds), ct);
            var events = await shown.ExecuteUpdateAsync(s => s.SetProperty(e => e.OffsetSeconds, e => e.OffsetSeconds + bySeconds), ct);
            return (lines, linesLeftOut, events, eventsLeftOut);
        }, cancellationToken);

        logger.LogInformation("{Actor} moved the chat of stream {StreamId} from {From} s by {By} s: {Lines} lines and {Events} events, {LeftOut} lines left out",
            actor, streamId, fromSeconds, bySeconds, lines, events, linesLeftOut);
        bus.PublishChange(new StreamChange(accountId, streamId, StreamChangeKind.Chat));
        await detection.DetectAsync(accountId, streamId, actor, cancellationToken);
        return new ChatShiftOutcome(fromSeconds, bySeconds, lines, linesLeftOut, events, eventsLeftOut);
    }
}
