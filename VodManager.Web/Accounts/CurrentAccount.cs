using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data;

namespace VodManager.Web.Accounts;

/// <summary>The account the editor works in for this circuit or request. Every page and action scopes its queries by it.</summary>
public sealed class CurrentAccount(IDbContextFactory<VodDbContext> dbFactory)
{
    private int? _accountId;
    private string? _name;

    public async Task<int> GetIdAsync(CancellationToken cancellationToken)
    {
        if (_accountId is null)
        {
            await LoadAsync(cancellationToken);
        }

        return _accountId!.Value;
    }

    public async Task<string> GetNameAsync(CancellationToken cancellationToken)
    {
        if (_name is null)
        {
            await LoadAsync(cancellationToken);
        }

        return _name!;
    }

    /// <summary>Who is acting, for the activity log.</summary>
    public string Actor => "editor";

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.AsNoTracking().OrderBy(a => a.Id).Select(a => new { a.Id, a.Name }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException("There is no account yet; start with VodManager:SeedDemo on or run the seed-demo verb.");
        (_accountId, _name) = (account.Id, account.Name);
    }
}
