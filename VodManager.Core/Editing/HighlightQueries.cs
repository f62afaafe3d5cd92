using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Editing;

/// <summary>Read side of the highlights table, scoped to an account.</summary>
public sealed class HighlightQueries(IDbContextFactory<VodDbContext> dbFactory)
{
    /// <summary>The stream's highlights by rank, with refinement history (oldest first) and the clip, if any.</summary>
    public async Task<IReadOnlyList<Highlight>> ListAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Highlights.AsNoTracking().AsSplitQuery()
            .Where(h => h.AccountId == accountId && h.StreamId == streamId)
            .Include(h => h.RefinementAttempts.OrderBy(a => a.Run).ThenBy(a => a.Iteration))
            .Include(h => h.ClipVod)
            .Include(h => h.Activity.OrderBy(a => a.At))
            .OrderBy(h => h.Rank)
            .ThenBy(h => h.Id)
            .ToListAsync(cancellationToken);
    }
}
