using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VodManager.Core.Cutting;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Detection;
using VodManager.Core.Events;
using VodManager.Core.Jobs;
using VodManager.Core.Library;

namespace VodManager.Core.Editing;

/// <summary>
/// What an editor changes on highlights by hand: moments marked that detection missed, trims and dismissals. Each change
/// is scoped to the account, validated, and recorded with who and when in the highlight's activity log. ("Create clip
/// anyway" is recorded by the cutter, which takes it as part of the cut request.) Marked moments, trims and dismissals
/// are decisions its channel learns from (<see cref="HighlightDecidedEvent"/>). Every change reaches the stream's other
/// open editors (<see cref="StreamChange"/>).
/// </summary>
public sealed class HighlightEditor(
    IDbContextFactory<VodDbContext> dbFactory,
    IOptions<CuttingOptions> cutting,
    IOptions<EditorOptions> editor,
    DomainEvents events,
    IProgressBus bus,
    TimeProvider time,
    ILogger<HighlightEditor> logger)
{
    /// <summary>
    /// Marks a moment detection missed as a new highlight, numbered after the stream's others: bounds pulled inside the
    /// stream like a trim's, refused when shorter than the minimum or overlapping a highlight that is not dismissed (trim
    /// that one instead). It is kept by re-detection and, unless dismissed, is a right example for its channel.
    /// </summary>
    public async Task<AddedHighlight> AddAsync(int accountId, int streamId, double start, double end, string actor, CancellationToken cancellationToken)
    {
        if (!double.IsFinite(start) || !double.IsFinite(end))
        {
            throw new HighlightEditException("A new highlight's bounds must be numbers of seconds.");
        }

        if (end <= start)
        {
            throw new HighlightEditException($"A new highlight must end after it starts: {Clock(start)}–{Clock(end)}.");
        }

        return await InsertAsync(accountId, streamId, actor, _ => (start, end), cancellationToken);
    }

    /// <summary>
    /// Marks the moment at <paramref name="at"/> (the editor's playhead): <see cref="EditorOptions.NewHighlightSeconds"/>
    /// long from <see cref="EditorOptions.NewHighlightLeadSeconds"/> before it, shortened to fit between the highlights
    /// around it. Refused when the playhead is inside a highlight (trim that one) or there is too little room.
    /// </summary>
    public Task<AddedHighlight> AddAtAsync(int accountId, int streamId, double at, string actor, CancellationToken cancellationToken)
    {
        if (!double.IsFinite(at) || at < 0)
        {
            throw new HighlightEditException($"The playhead ({at}) is not a time in the stream.");
        }

        var (lead, length) = (editor.Value.NewHighlightLeadSeconds, editor.Value.NewHighlightSeconds);
        return InsertAsync(accountId, streamId, actor, others =>
        {
            if (others.FirstOrDefault(h => h.Start <= at && at < h.End) is { } inside)
            {
                throw new HighlightEditException($"The playhead ({Clock(at)}) is inside highlight #{inside.Rank} ({Clock(inside.Start)}–{Clock(inside.End)}): trim that one instead.");
            }

            var start = Math.Max(at - lead, others.Where(h => h.End <= at).Select(h => h.End).DefaultIfEmpty(0).Max());
            var end = Math.Min(at - lead + length, others.Where(h => h.Start > at).Select(h => h.Start).DefaultIfEmpty(double.MaxValue).Min());
            return (start, end);
        }, cancellationToken);
    }

    /// <summary>
    /// Removes a highlight an editor marked by hand (an undo, or a moment marked by mistake); refused for a detected
    /// one (dismiss it), and while it has a clip or is being cut.
    /// </summary>
    public async Task RemoveAddedAsync(int accountId, int highlightId, string actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var highlight = await FindAsync(db, accountId, highlightId, cancellationToken);
        if (highlight.AddedBy is null)
        {
            throw new HighlightEditException($"Highlight #{highlight.Rank} was detected, not marked by hand: dismiss it instead.");
        }

        var removed = await db.Highlights
            .Where(h => h.Id == highlight.Id && h.ClipVodId == null && h.ClipStatus != ClipStatus.Queued && h.ClipStatus != ClipStatus.Cutting)
            .ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            throw new HighlightEditException($"Highlight #{highlight.Rank} has a clip or is being cut: delete the clip first, or dismiss it.");
        }

        logger.LogInformation("{Actor} removed highlight {HighlightId} (marked by {AddedBy})", actor, highlightId, highlight.AddedBy);
        bus.PublishChange(new StreamChange(accountId, highlight.StreamId, StreamChangeKind.Added));
    }

    /// <summary>A highlight that is not dismissed, where a new one must not go.</summary>
    private sealed record Taken(int Rank, double Start, double End);

    /// <param name="place">The bounds asked for, given the stream's highlights that are not dismissed, by start.</param>
    private async Task<AddedHighlight> InsertAsync(int accountId, int streamId, string actor,
        Func<IReadOnlyList<Taken>, (double Start, double End)> place, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var added = await db.InTransactionAsync(async ct =>
        {
            // A write to the stream's row holds it until commit, so two editors marking the same moment at once (on
            // any node) take turns: the second reads the first's highlight and is refused, instead of both landing.
            if (await db.Streams.Where(s => s.Id == streamId && s.AccountId == accountId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Title, x => x.Title), ct) == 0)
            {
                throw new HighlightEditException($"Stream {streamId} was not found.");
            }

            var length = await StreamLengthAsync(db, accountId, streamId, ct);
            var rows = await db.Highlights.AsNoTracking().Where(h => h.StreamId == streamId).ToListAsync(ct);
            var others = rows.Where(h => !h.Dismissed).Select(h => new Taken(h.Rank, h.EffectiveBounds.Start, h.EffectiveBounds.End)).OrderBy(h => h.Start).ToList();
            var (start, end) = place(others);
            var (fitStart, fitEnd, clamped) = Fit(start, end, length, "The new highlight");
            if (others.FirstOrDefault(h => h.Start < fitEnd && fitStart < h.End) is { } overlapped)
            {
                throw new HighlightEditException(
                    $"The new highlight {Clock(fitStart)}–{Clock(fitEnd)} overlaps highlight #{overlapped.Rank} ({Clock(overlapped.Start)}–{Clock(overlapped.End)}): trim that one instead.");
            }

            var now = time.GetUtcNow().UtcDateTime;
            var highlight = new Highlight
            {
                AccountId = accountId,
                StreamId = streamId,
                Rank = rows.Select(h => h.Rank).DefaultIfEmpty(0).Max() + 1,
                DetectedStart = fitStart,
                DetectedEnd = fitEnd,
                Explanation = $"marked by {actor}",
                AddedBy = actor,
                AddedAt = now,
                CreatedAt = now,
                Activity = [new HighlightActivity { Action = HighlightActions.Add, Actor = actor, Detail = $"{Seconds(fitStart)}–{Seconds(fitEnd)}", At = now }],
            };
            db.Highlights.Add(highlight);
            await db.SaveChangesAsync(ct);
            return new AddedHighlight(highlight.Id, highlight.Rank, fitStart, fitEnd, clamped);
        }, cancellationToken);
        logger.LogInformation("{Actor} marked highlight {HighlightId} at {Start}–{End} s in stream {StreamId}", actor, added.HighlightId, added.Start, added.End, streamId);
        bus.PublishChange(new StreamChange(accountId, streamId, StreamChangeKind.Added));
        await events.PublishAsync(new HighlightDecidedEvent(accountId, streamId), cancellationToken);
        return added;
    }

    /// <summary>
    /// Bounds pulled inside the stream (0 to its length, when known), to the millisecond; refused when what is left is
    /// shorter than a clip may be.
    /// </summary>
    private (double Start, double End, bool Clamped) Fit(double start, double end, double? length, string what)
    {
        var fitStart = Math.Round(Math.Max(0, start), 3);
        var fitEnd = Math.Round(length is { } l ? Math.Min(end, l) : end, 3);
        var clamped = fitStart != Math.Round(start, 3) || fitEnd != Math.Round(end, 3);
        var minimum = cutting.Value.MinClipSeconds;
        if (fitEnd - fitStart < minimum)
        {
            var where = clamped ? $" inside the stream ({Seconds(length ?? 0)} long)" : "";
            throw new HighlightEditException(
                $"{what} {Seconds(fitStart)}–{Seconds(fitEnd)}{where} is {Seconds(Math.Max(0, fitEnd - fitStart))} long; a clip needs at least {Seconds(minimum)} (Cutting:MinClipSeconds).");
        }

        return (fitStart, fitEnd, clamped);
    }

    /// <summary>
    /// Stores the editor's bounds, pulled inside the stream when they go past either end. Refused while the highlight
    /// is queued or being cut (the cut reads the bounds when it starts), when the result is shorter than the minimum,
    /// and when its bounds are no longer <paramref name="editedFrom"/>: another editor trimmed it, reset its trim or a
    /// refinement moved it since this editor's page showed it, and saving would silently undo that.
    /// </summary>
    /// <param name="editedFrom">The bounds the editor's page showed when the trim began; null: no check (one editor).</param>
    public async Task<TrimOutcome> SaveTrimAsync(int accountId, int highlightId, double start, double end, (double Start, double End)? editedFrom, string actor, CancellationToken cancellationToken)
    {
        if (!double.IsFinite(start) || !double.IsFinite(end))
        {
            throw new HighlightEditException($"Highlight {highlightId}: trim bounds must be numbers of seconds.");
        }

        if (end <= start)
        {
            throw new HighlightEditException($"Highlight {highlightId}: the trim ends at {Seconds(end)} before it starts at {Seconds(start)}.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var streamId = 0;
        var outcome = await db.InTransactionAsync(async ct =>
        {
            var highlight = await FindAsync(db, accountId, highlightId, ct);
            streamId = highlight.StreamId;
            var length = await StreamLengthAsync(db, highlight.AccountId, highlight.StreamId, ct);
            var (clampedStart, clampedEnd, clamped) = Fit(start, end, length, $"Highlight #{highlight.Rank}: the trim");

            var (oldStart, oldEnd) = highlight.EffectiveBounds;
            if (editedFrom is { } seen && (Math.Abs(seen.Start - oldStart) > BoundsTolerance || Math.Abs(seen.End - oldEnd) > BoundsTolerance))
            {
                throw ChangedMeanwhile(highlight);
            }

            var now = time.GetUtcNow().UtcDateTime;

            // One conditional statement, so a cut claimed at the same moment cannot start on bounds that change under it,
            // nor another editor's trim (or a refinement) land between the check above and this write.
            var (trimStart, trimEnd, refinedStart, refinedEnd) = (highlight.TrimStart, highlight.TrimEnd, highlight.RefinedStart, highlight.RefinedEnd);
            var row = db.Highlights.Where(h => h.Id == highlight.Id && h.ClipStatus != ClipStatus.Queued && h.ClipStatus != ClipStatus.Cutting);
            if (editedFrom is not null)
            {
                row = row.Where(h => h.TrimStart == trimStart && h.TrimEnd == trimEnd && h.RefinedStart == refinedStart && h.RefinedEnd == refinedEnd);
            }

            var updated = await row
                .ExecuteUpdateAsync(s => s
                    .SetProperty(h => h.TrimStart, clampedStart)
                    .SetProperty(h => h.TrimEnd, clampedEnd)
                    .SetProperty(h => h.TrimmedBy, actor)
                    .SetProperty(h => h.TrimmedAt, now), ct);
            if (updated == 0)
            {
                var current = await FindAsync(db, accountId, highlightId, ct);
                throw current.ClipStatus is ClipStatus.Queued or ClipStatus.Cutting ? BeingCut(highlight, "trim") : ChangedMeanwhile(current);
            }

            Record(db, highlight.Id, HighlightActions.Trim, actor, $"{Seconds(clampedStart)}–{Seconds(clampedEnd)} (was {Seconds(oldStart)}–{Seconds(oldEnd)})", now);
            await db.SaveChangesAsync(ct);
            return new TrimOutcome(clampedStart, clampedEnd, clamped);
        }, cancellationToken);
        logger.LogInformation("{Actor} trimmed highlight {HighlightId} to {Start}–{End} s", actor, highlightId, outcome.Start, outcome.End);
        bus.PublishChange(new StreamChange(accountId, streamId, StreamChangeKind.Trim));
        await events.PublishAsync(new HighlightDecidedEvent(accountId, streamId), cancellationToken);
        return outcome;
    }

    /// <summary>Drops the editor's trim: the highlight goes back to its refined or detected bounds.</summary>
    public async Task ResetTrimAsync(int accountId, int highlightId, string actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var streamId = await db.InTransactionAsync(async ct =>
        {
            var highlight = await FindAsync(db, accountId, highlightId, ct);
            if (highlight.TrimStart is null)
            {
                return (int?)null;
            }

            var now = time.GetUtcNow().UtcDateTime;
            var updated = await db.Highlights
                .Where(h => h.Id == highlight.Id && h.ClipStatus != ClipStatus.Queued && h.ClipStatus != ClipStatus.Cutting)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(h => h.TrimStart, (double?)null)
                    .SetProperty(h => h.TrimEnd, (double?)null)
                    .SetProperty(h => h.TrimmedBy, (string?)null)
                    .SetProperty(h => h.TrimmedAt, (DateTime?)null), ct);
            if (updated == 0)
            {
                throw BeingCut(highlight, "reset the trim of");
            }

            Record(db, highlight.Id, HighlightActions.ResetTrim, actor, $"was {Seconds(highlight.TrimStart.Value)}–{Seconds(highlight.TrimEnd!.Value)}", now);
            await db.SaveChangesAsync(ct);
            return highlight.StreamId;
        }, cancellationToken);
        if (streamId is { } changed)
        {
            bus.PublishChange(new StreamChange(accountId, changed, StreamChangeKind.Trim));
        }
    }

    /// <summary>Hides highlights from the editor and from "cut all"; their clips, if any, stay. Returns how many changed.</summary>
    public Task<int> DismissAsync(int accountId, IReadOnlyCollection<int> highlightIds, string actor, CancellationToken cancellationToken) =>
        SetDismissedAsync(accountId, highlightIds, dismissed: true, actor, cancellationToken);

    /// <summary>Undoes a dismissal. Returns how many changed.</summary>
    public Task<int> RestoreAsync(int accountId, IReadOnlyCollection<int> highlightIds, string actor, CancellationToken cancellationToken) =>
        SetDismissedAsync(accountId, highlightIds, dismissed: false, actor, cancellationToken);

    private async Task<int> SetDismissedAsync(int accountId, IReadOnlyCollection<int> highlightIds, bool dismissed, string actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = highlightIds.Distinct().ToList();
        var highlights = await db.Highlights.Where(h => h.AccountId == accountId && ids.Contains(h.Id)).ToListAsync(cancellationToken);
        var missing = ids.Except(highlights.Select(h => h.Id)).ToList();
        if (missing.Count > 0)
        {
            throw NotFound(missing[0]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var changed = highlights.Where(h => h.Dismissed != dismissed).ToList();
        foreach (var highlight in changed)
        {
            highlight.Dismissed = dismissed;
            Record(db, highlight.Id, dismissed ? HighlightActions.Dismiss : HighlightActions.Restore, actor, null, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var streamId in changed.Select(h => h.StreamId).Distinct())
        {
            bus.PublishChange(new StreamChange(accountId, streamId, StreamChangeKind.Dismissal));
            await events.PublishAsync(new HighlightDecidedEvent(accountId, streamId), cancellationToken);
        }

        return changed.Count;
    }

    private static async Task<Highlight> FindAsync(VodDbContext db, int accountId, int highlightId, CancellationToken cancellationToken) =>
        await db.Highlights.AsNoTracking().SingleOrDefaultAsync(h => h.Id == highlightId && h.AccountId == accountId, cancellationToken)
            ?? throw NotFound(highlightId);

    /// <summary>The stored source's duration, else the stream's known length; null when neither is known yet.</summary>
    private static async Task<double?> StreamLengthAsync(VodDbContext db, int accountId, int streamId, CancellationToken cancellationToken)
    {
        var source = await db.Vods.StoredSourcesOf(accountId, streamId)
            .Select(v => v.DurationSeconds)
            .FirstOrDefaultAsync(cancellationToken);
        return source ?? await db.Streams.Where(s => s.Id == streamId).Select(s => s.DurationSeconds).SingleAsync(cancellationToken);
    }

    private static void Record(VodDbContext db, int highlightId, string action, string actor, string? detail, DateTime at) =>
        db.HighlightActivities.Add(new HighlightActivity { HighlightId = highlightId, Action = action, Actor = actor, Detail = detail, At = at });

    private static HighlightEditException NotFound(int highlightId) => new($"Highlight {highlightId} was not found.");

    private static HighlightEditException BeingCut(Highlight highlight, string verb) =>
        new($"Highlight #{highlight.Rank} is being cut; {verb} it after the cut finishes.");

    /// <summary>Bounds are stored to the millisecond; a page's copy of them compares equal within that.</summary>
    private const double BoundsTolerance = 0.0005;

    private static HighlightEditException ChangedMeanwhile(Highlight current)
    {
        var (start, end) = current.EffectiveBounds;
        var how = current.TrimmedBy is { } by ? $"trimmed by {by}" : current.RefinedStart is not null ? "refined" : "its detected bounds";
        return new($"Highlight #{current.Rank} changed while you were trimming it: it is now {Seconds(start)}–{Seconds(end)} ({how}). Your trim was not saved; trim it again to replace that.");
    }

    private static string Seconds(double seconds) => seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string Clock(double seconds) => ClipBounds.Clock(seconds);
}
