using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Refinement;

/// <summary>
/// The per-account, per-UTC-day refinement cap. A slot is taken atomically before a backend is called (a failed
/// refinement spent it too), so two runs at once can never both take the last one.
/// </summary>
public sealed class RefinementBudget(IDbContextFactory<VodDbContext> dbFactory, TimeProvider time)
{
    /// <returns>False when the account has used <paramref name="perDay"/> refinements today.</returns>
    public async Task<bool> TryTakeAsync(int accountId, int perDay, CancellationToken cancellationToken)
    {
        if (perDay <= 0)
        {
            return false;
        }

        var day = time.GetUtcNow().UtcDateTime.Date;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var taken = await db.RefinementUsages
                .Where(u => u.AccountId == accountId && u.Day == day && u.Count < perDay)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.Count, u => u.Count + 1), cancellationToken);
            if (taken == 1)
            {
                return true;
            }

            if (await db.RefinementUsages.AnyAsync(u => u.AccountId == accountId && u.Day == day, cancellationToken))
            {
                return false;
            }

            db.RefinementUsages.Add(new RefinementUsage { AccountId = accountId, Day = day, Count = 1 });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException e) when (attempt == 0 && e.IsUniqueViolation())
            {
                // Another run created today's row first: take a slot from it.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Refinements the account started today.</summary>
    public async Task<int> UsedTodayAsync(int accountId, CancellationToken cancellationToken)
    {
        var day = time.GetUtcNow().UtcDateTime.Date;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.RefinementUsages.Where(u => u.AccountId == accountId && u.Day == day).Select(u => u.Count).FirstOrDefaultAsync(cancellationToken);
    }
}
