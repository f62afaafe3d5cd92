using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using VodManager.Core.Data;
using VodManager.Core.Library;
using VodManager.Core.Nodes;
using VodManager.Core.Quota;
using VodManager.Core.Storage;

namespace VodManager.Core.Export;

/// <summary>
/// At start-up, before any job runs: what a killed export or browser copy left behind goes. Dead nodes' work files;
/// pending reservations (a recovered job simply reserves again under the same external id); objects under the exports
/// prefix that no live row owns. Another process on the same database (the CLI, a second app) may be exporting right now: what a live
/// claim holds stays, and so does a live node's work folder.
/// </summary>
public sealed class ExportRecoverySweep(
    IDbContextFactory<VodDbContext> dbFactory,
    QuotaService quota,
    IVodStorage storage,
    WorkAreas work,
    ExportClaims claims,
    NodeLeases leases,
    ILogger<ExportRecoverySweep> logger)
{
    /// <returns>How many things were repaired.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var repaired = (await leases.CensusAsync(cancellationToken)).PurgeDeadWork(work.Exports.Root);
        var live = await claims.LiveAsync(cancellationToken);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Vods.IgnoreQueryFilters().Where(v => VodTypes.Derived.Contains(v.Type) && v.Status == VodStatus.Pending)
            .Select(v => new { v.Id, v.AccountId, v.ExternalId }).ToListAsync(cancellationToken))
            .Where(v => !live.Contains((v.AccountId, v.ExternalId))).ToList();
        foreach (var vod in pending)
        {
            await quota.ReleaseAsync(vod.Id);
        }

        repaired += pending.Count;
        var owned = (await db.Vods.Where(v => VodTypes.Derived.Contains(v.Type)).Select(v => v.StorageKey).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        foreach (var account in await db.Accounts.Select(a => a.Id).ToListAsync(cancellationToken))
        {
            await foreach (var key in storage.ListAsync(StorageKeys.ExportPrefix(account), cancellationToken))
            {
                if (!owned.Contains(key))
                {
                    await storage.DeleteAsync(key, cancellationToken);
                    repaired++;
                }
            }
        }

        if (repaired > 0)
        {
            logger.LogWarning("Start-up sweep removed {Count} leftovers of interrupted exports", repaired);
        }

        return repaired;
    }
}
