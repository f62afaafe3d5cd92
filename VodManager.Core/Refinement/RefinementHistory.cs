using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Jobs;

namespace VodManager.Core.Refinement;

/// <summary>
/// Writes refinement state on highlights and appends their history. History is append-only: a new run gets the next
/// run number and earlier runs' rows are never touched. Each write is its own small update, so every open editor sees
/// a highlight go queued → running → refined/failed/skipped as it happens. A highlight that re-detection removed
/// meanwhile is reported, not an error.
/// </summary>
public sealed class RefinementHistory(IDbContextFactory<VodDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Marks highlights queued for a run that is about to be scheduled.</summary>
    public async Task MarkQueuedAsync(int accountId, IReadOnlyCollection<int> highlightIds, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Highlights.Where(h => h.AccountId == accountId && highlightIds.Contains(h.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.RefinementStatus, RefinementStatus.Queued), cancellationToken);
    }

    /// <summary>Marks the highlight running and returns its new run number, or null when it no longer exists.</summary>
    internal async Task<int?> StartAsync(int highlightId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var updated = await db.Highlights.Where(h => h.Id == highlightId)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.RefinementStatus, RefinementStatus.Running).SetProperty(h => h.RefinementReason, (string?)null), cancellationToken);
        if (updated == 0)
        {
            return null;
        }

        return (await db.RefinementAttempts.Where(a => a.HighlightId == highlightId).MaxAsync(a => (int?)a.Run, cancellationToken) ?? 0) + 1;
    }

    internal async Task AddAttemptAsync(int highlightId, int run, RefinementAttempt attempt, CancellationToken cancellationToken)
    {
        attempt.HighlightId = highlightId;
        attempt.Run = run;
        attempt.CreatedAt = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Highlights.AnyAsync(h => h.Id == highlightId, cancellationToken))
        {
            db.RefinementAttempts.Add(attempt);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Writes a run's outcome on the highlight; false when the highlight no longer exists.</summary>
    internal async Task<bool> FinishAsync(int highlightId, RefineResult result, RefinementProposal? proposal, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var highlight = db.Highlights.Where(h => h.Id == highlightId);
        var reason = result.Reason is { Length: > 1000 } text ? text[..999] + "…" : result.Reason;
        var updated = result.Outcome switch
        {
            RefineOutcome.Refined or RefineOutcome.NotClipable => await highlight.ExecuteUpdateAsync(s => s
                .SetProperty(h => h.RefinedStart, proposal!.Start)
                .SetProperty(h => h.RefinedEnd, proposal.End)
                .SetProperty(h => h.IsClipable, proposal.IsClipable)
                .SetProperty(h => h.Confidence, proposal.Confidence)
                .SetProperty(h => h.RefinementStatus, RefinementStatus.Refined)
                .SetProperty(h => h.RefinementReason, reason), cancellationToken),
            RefineOutcome.Failed => await highlight.ExecuteUpdateAsync(s => s
                .SetProperty(h => h.RefinementStatus, RefinementStatus.Failed)
                .SetProperty(h => h.RefinementReason, reason), cancellationToken),
            RefineOutcome.Skipped => await highlight.ExecuteUpdateAsync(s => s
                .SetProperty(h => h.RefinementStatus, RefinementStatus.Skipped)
                .SetProperty(h => h.RefinementReason, reason), cancellationToken),
            _ => 1,
        };
        return updated == 1;
    }

    /// <summary>Highlights a run left queued or running (it was cancelled or failed) go back to what their bounds say.</summary>
    internal async Task ResetUnfinishedAsync(IReadOnlyCollection<int> highlightIds)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await ResetAsync(Unfinished(db).Where(h => highlightIds.Contains(h.Id)), CancellationToken.None);
    }

    /// <summary>
    /// At start-up, after jobs that will not run again were marked failed (<see cref="Jobs.InterruptedJobs"/>): highlights
    /// left queued or running on a stream with no unfinished refinement job (a killed command line's run) go back to
    /// what their bounds say, as a cancelled run's do.
    /// </summary>
    /// <returns>How many highlights were reset.</returns>
    public async Task<int> ResetAbandonedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ResetAsync(Unfinished(db).Where(h => !db.Jobs.Any(j => j.StreamId == h.StreamId && j.Kind == RefineRequest.JobKind
            && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running))), cancellationToken);
    }

    private static IQueryable<Highlight> Unfinished(VodDbContext db) =>
        db.Highlights.Where(h => h.RefinementStatus == RefinementStatus.Queued || h.RefinementStatus == RefinementStatus.Running);

    private static Task<int> ResetAsync(IQueryable<Highlight> highlights, CancellationToken cancellationToken) =>
        highlights.ExecuteUpdateAsync(s => s.SetProperty(h => h.RefinementStatus, h => h.RefinedStart != null ? RefinementStatus.Refined : RefinementStatus.NotRefined), cancellationToken);
}
