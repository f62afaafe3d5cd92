using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Nodes;
using VodManager.Core.Quota;
using VodManager.Core.Storage;

namespace VodManager.Core.Cutting;

/// <summary>
/// Repairs what a killed process leaves behind, at start-up before any job runs. A cut job that the scheduler will
/// recover repairs its own work (it re-takes its claims and reuses its pending row); this sweeps the rest: dead nodes'
/// temp files and partial local writes (a live node's stay, see <see cref="NodeLeases"/>), pending clip
/// reservations and claims of jobs that will never run again, highlights such a job left queued, and clip objects in
/// storage that no live VOD row owns.
/// </summary>
public sealed class CutRecoverySweep(
    IDbContextFactory<VodDbContext> dbFactory,
    QuotaService quota,
    IVodStorage storage,
    VodPins pins,
    WorkAreas work,
    NodeLeases leases,
    ILogger<CutRecoverySweep> logger)
{
    private const string Interrupted = "The cut was interrupted by a restart and its job is gone; cut it again.";

    /// <param name="willRun">True when the job with this id (a claim token) is still scheduled and will run again.</param>
    public async Task<CutSweepReport> RunAsync(Func<string, CancellationToken, Task<bool>> willRun, CancellationToken cancellationToken)
    {
        var census = await leases.CensusAsync(cancellationToken);
        var tempFiles = census.PurgeDeadWork(work.Cuts.Root);
        var partials = storage is LocalDiskStorage local ? local.DeleteDeadPartialWrites(census) : 0;
        var (released, resetClaims) = await ReleaseAbandonedAsync(willRun, cancellationToken);
        var orphans = await DeleteOrphanClipObjectsAsync(cancellationToken);
        var resetQueued = await ResetUnreachedAsync(cancellationToken);
        var report = new CutSweepReport(tempFiles, partials, released, resetClaims, orphans, resetQueued);
        if (report.Repaired)
        {
            logger.LogWarning("Start-up sweep repaired what an interrupted run left: {Report}", report);
        }

        return report;
    }

    private async Task<(int Released, int ResetClaims)> ReleaseAbandonedAsync(Func<string, CancellationToken, Task<bool>> willRun, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claimed = await db.Highlights.Where(h => h.ClipClaimToken != null).Select(h => new { h.Id, h.ClipClaimToken }).ToListAsync(cancellationToken);
        var pinHolders = await db.VodPins.Select(p => p.Holder).Distinct().ToListAsync(cancellationToken);
        var tokens = claimed.Select(c => c.ClipClaimToken!).Concat(pinHolders.Select(ClipCutter.ClaimTokenOf).OfType<string>()).ToHashSet();
        var dead = new HashSet<string>();
        foreach (var token in tokens)
        {
            if (!await willRun(token, cancellationToken))
            {
                dead.Add(token);
                await pins.ReleaseHolderAsync(ClipCutter.PinHolder(token), cancellationToken);
            }
        }

        var abandoned = claimed.Where(c => dead.Contains(c.ClipClaimToken!)).Select(c => c.Id).ToList();

        var liveClaims = claimed.Where(c => !abandoned.Contains(c.Id)).Select(c => c.Id).ToHashSet();
        var pending = await db.Vods.IgnoreQueryFilters()
            .Where(v => v.Type == VodType.Highlight && v.Status == VodStatus.Pending)
            .Select(v => new { v.Id, v.HighlightId }).ToListAsync(cancellationToken);
        var released = 0;
        foreach (var vod in pending.Where(v => v.HighlightId is not { } h || !liveClaims.Contains(h)))
        {
            await quota.ReleaseAsync(vod.Id);
            released++;
        }

        await db.Highlights.Where(h => abandoned.Contains(h.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(h => h.ClipStatus, HighlightClaims.UnlessClipped(ClipStatus.Failed))
            .SetProperty(h => h.ClipError, Interrupted)
            .SetProperty(h => h.ClipClaimToken, (string?)null)
            .SetProperty(h => h.ClipClaimExpiresAt, (DateTime?)null), cancellationToken);
        return (released, abandoned.Count);
    }

    /// <summary>
    /// Highlights a batch marked queued and never reached, when no unfinished cut job of their stream (or of several
    /// streams of the account) is left: a killed command line's "cut all" left them queued for good. Jobs that will not
    /// run again were marked failed before this (<see cref="Jobs.InterruptedJobs"/>).
    /// </summary>
    private async Task<int> ResetUnreachedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Highlights
            .Where(h => h.ClipStatus == ClipStatus.Queued && h.ClipClaimToken == null
                && !db.Jobs.Any(j => j.AccountId == h.AccountId && (j.StreamId == h.StreamId || j.StreamId == null) && CutJobs.Kinds.Contains(j.Kind)
                    && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(h => h.ClipStatus, HighlightClaims.UnlessClipped(ClipStatus.Failed))
                .SetProperty(h => h.ClipError, Interrupted), cancellationToken);
    }

    private async Task<int> DeleteOrphanClipObjectsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var accounts = await db.Accounts.Select(a => a.Id).ToListAsync(cancellationToken);
        var owned = (await db.Vods.Where(v => v.Type == VodType.Highlight).Select(v => v.StorageKey).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var deleted = 0;
        foreach (var account in accounts)
        {
            await foreach (var key in storage.ListAsync(StorageKeys.ClipPrefix(account), cancellationToken))
            {
                if (!owned.Contains(key))
                {
                    await storage.DeleteAsync(key, cancellationToken);
                    deleted++;
                }
            }
        }

        return deleted;
    }
}
