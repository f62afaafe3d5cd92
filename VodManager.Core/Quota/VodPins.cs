using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Quota;

/// <summary>
/// Leases that keep VODs safe from eviction and deletion while a job reads them. Stored in the database so every
/// process sees them; a lease lapses on its own if its holder crashes.
/// </summary>
public sealed class VodPins(IDbContextFactory<VodDbContext> dbFactory, TimeProvider time, IOptions<QuotaOptions> options)
{
    public async Task<IAsyncDisposable> PinAsync(IEnumerable<int> vodIds, string holder, CancellationToken cancellationToken)
    {
        var expires = time.GetUtcNow().UtcDateTime.Add(options.Value.PinLease);
        var pins = vodIds.Distinct().Select(id => new VodPin { VodId = id, Holder = holder, ExpiresAt = expires }).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.VodPins.AddRange(pins);
        await db.SaveChangesAsync(cancellationToken);
        return new Lease(this, pins.Select(p => p.Id).ToArray());
    }

    /// <summary>
    /// Drops every pin of a holder: a job recovered after a crash takes over its own earlier pins this way, and the
    /// start-up sweep removes those of jobs that will never run again.
    /// </summary>
    public async Task ReleaseHolderAsync(string holder, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.VodPins.Where(p => p.Holder == holder).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>VOD ids that some job holds right now.</summary>
    public async Task<HashSet<int>> PinnedAsync(VodDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var ids = await db.VodPins.Where(p => p.ExpiresAt > now).Select(p => p.VodId).Distinct().ToListAsync(cancellationToken);
        return [.. ids];
    }

    private async Task ReleaseAsync(long[] pinIds)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var now = time.GetUtcNow().UtcDateTime;
        await db.VodPins.Where(p => pinIds.Contains(p.Id) || p.ExpiresAt <= now).ExecuteDeleteAsync(CancellationToken.None);
    }

    private sealed class Lease(VodPins owner, long[] pinIds) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                await owner.ReleaseAsync(pinIds);
            }
        }
    }
}
