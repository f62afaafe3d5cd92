using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data;
using VodManager.Core.Jobs;

namespace VodManager.Core.Accounts;

/// <summary>
/// An account's name: given at sign-up, changed by its owners (a typo in it was there for good). A rename is told to
/// every open editor of the account (<see cref="StreamChangeKind.AccountName"/>), whose app bar shows it at once.
/// </summary>
public sealed class AccountNames(IDbContextFactory<VodDbContext> dbFactory, IProgressBus bus)
{
    public const int MaxLength = 200;

    /// <summary>Why <paramref name="name"/> (as typed) cannot name an account, or null.</summary>
    public static string? Problem(string name) =>
        name.Trim().Length is 0 or > MaxLength ? $"The account name must be 1 to {MaxLength} characters." : null;

    public async Task<string> GetAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Accounts.Where(a => a.Id == accountId).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken)
            ?? throw new MembershipException($"There is no account {accountId}.");
    }

    /// <summary>Renames the account; the caller has checked that the user owns it.</summary>
    /// <returns>The name as stored (trimmed).</returns>
    public async Task<string> RenameAsync(int accountId, string name, CancellationToken cancellationToken)
    {
        if (Problem(name) is { } problem)
        {
            throw new MembershipException(problem);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var trimmed = name.Trim();
        var renamed = await db.Accounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(a => a.SetProperty(x => x.Name, trimmed), cancellationToken);
        if (renamed != 1)
        {
            throw new MembershipException($"There is no account {accountId}.");
        }

        bus.PublishChange(new StreamChange(accountId, 0, StreamChangeKind.AccountName));
        return trimmed;
    }
}
