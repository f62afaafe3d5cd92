using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data;

namespace VodManager.Core.Accounts;

/// <summary>Every account on this installation: the operator's view (the CLI), which is not scoped to a member.</summary>
public sealed class AccountDirectory(IDbContextFactory<VodDbContext> dbFactory)
{
    public async Task<IReadOnlyList<AccountSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Accounts.AsNoTracking().Select(a => new AccountSummary(a.Id, a.Name)).ToListAsync(cancellationToken);
    }
}
