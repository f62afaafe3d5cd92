using Microsoft.EntityFrameworkCore;
using VodManager.Core.Cutting;
using VodManager.Core.Data;
using VodManager.Core.Refinement;

namespace VodManager.Core.Editing;

/// <summary>Read side of the highlights table, scoped to an account: rows shaped for the stream page.</summary>
public sealed class HighlightQueries(IDbContextFactory<VodDbContext> dbFactory)
{
    /// <summary>The stream's highlights by rank, with refinement history and activity (oldest first) and the clip, if any.</summary>
    public async Task<IReadOnlyList<HighlightRow>> ListAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Highlights.AsNoTracking().AsSplitQuery()
            .Where(h => h.AccountId == accountId && h.StreamId == streamId)
            .OrderBy(h => h.Rank)
            .ThenBy(h => h.Id)
            .Select(h => new HighlightRow
            {
                Id = h.Id,
                Rank = h.Rank,
                DetectedStart = h.DetectedStart,
                DetectedEnd = h.DetectedEnd,
                Score = h.Score,
                Signals = new HighlightSignals(h.Signals.Chat, h.Signals.Events, h.Signals.Transcript, h.Signals.Audio),
                Explanation = h.Explanation,
                DetectionConfidence = h.DetectionConfidence,
                IsWeak = h.IsWeak,
                RefinedStart = h.RefinedStart,
                RefinedEnd = h.RefinedEnd,
                IsClipable = h.IsClipable,
                Confidence = h.Confidence,
                RefinementStatus = h.RefinementStatus,
                RefinementReason = h.RefinementReason,
                AddedBy = h.AddedBy,
                AddedAt = h.AddedAt,
                TrimStart = h.TrimStart,
                TrimEnd = h.TrimEnd,
                TrimmedBy = h.TrimmedBy,
                TrimmedAt = h.TrimmedAt,
                ClipOverrideBy = h.ClipOverrideBy,
                ClipOverrideAt = h.ClipOverrideAt,
                Dismissed = h.Dismissed,
                ClipStatus = h.ClipStatus,
                ClipError = h.ClipError,
                ClipVodId = h.ClipVodId,
                ClipTitle = h.ClipVod == null ? null : h.ClipVod.Title,
                ClipSizeBytes = h.ClipVod == null ? null : (long?)h.ClipVod.SizeBytes,
                ClipStart = h.ClipVod == null ? null : h.ClipVod.SourceStartSeconds,
                ClipEnd = h.ClipVod == null ? null : h.ClipVod.SourceEndSeconds,
                ClipCutAt = h.ClipVod == null ? null : (DateTime?)h.ClipVod.CreatedAt,
                RefinementAttempts = h.RefinementAttempts.OrderBy(a => a.Run).ThenBy(a => a.Iteration)
                    .Select(a => new RefinementAttemptRow(a.Run, a.Iteration, a.Backend, a.ProposedStart, a.ProposedEnd, a.IsClipable, a.Confidence, a.Reason, a.Error, a.DurationMs))
                    .ToList(),
                Activity = h.Activity.OrderBy(a => a.At)
                    .Select(a => new HighlightActivityRow(a.At, a.Actor, a.Action, a.Detail))
                    .ToList(),
            })
            .ToListAsync(cancellationToken);
    }

    /// <summary>The given highlights' cut outcomes by rank; ids of another account's highlights are left out.</summary>
    public async Task<IReadOnlyList<HighlightCutRow>> CutOutcomesAsync(int accountId, IReadOnlyCollection<int> highlightIds, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Highlights.AsNoTracking()
            .Where(h => h.AccountId == accountId && highlightIds.Contains(h.Id))
            .OrderBy(h => h.Rank)
            .Select(h => new HighlightCutRow(h.Id, h.ClipStatus, h.ClipError, h.ClipVod == null ? null
                : new HighlightClipRow(h.ClipVod.Id, h.ClipVod.CutMode, h.ClipVod.SourceStartSeconds, h.ClipVod.SourceEndSeconds, h.ClipVod.SizeBytes)))
            .ToListAsync(cancellationToken);
    }
}
