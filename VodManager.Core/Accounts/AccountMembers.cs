using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Accounts;

/// <summary>
/// Who belongs to which account. Reads go to the database every time, never to a cache, so a removed member or a
/// lowered role takes effect on their very next request or circuit action.
/// </summary>
public sealed class AccountMembers(IDbContextFactory<VodDbContext> dbFactory, ILookupNormalizer normalizer, TimeProvider time)
{
    /// <summary>The user's membership in one account, or null when they have none (then the account does not exist for them).</summary>
    public async Task<Membership?> FindAsync(string userId, int accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AccountMembers.AsNoTracking()
            .Where(m => m.UserId == userId && m.AccountId == accountId)
            .Select(m => new Membership(m.AccountId, m.Account!.Name, m.Role))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Every account the user belongs to, by name.</summary>
    public async Task<IReadOnlyList<Membership>> ForUserAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var memberships = await db.AccountMembers.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Select(m => new Membership(m.AccountId, m.Account!.Name, m.Role))
            .ToListAsync(cancellationToken);
        return memberships.OrderBy(m => m.AccountName, StringComparer.OrdinalIgnoreCase).ThenBy(m => m.AccountId).ToList();
    }

    /// <summary>
    /// The account a user works in when nothing else says: the one they last chose, else their own (the first they
    /// own), else the first by name. Never decided by an account's name alone, so a look-alike cannot win it.
    /// </summary>
    public async Task<Membership?> DefaultForUserAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var memberships = await db.AccountMembers.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Select(m => new { Membership = new Membership(m.AccountId, m.Account!.Name, m.Role), m.LastUsedAt, m.AddedAt })
            .ToListAsync(cancellationToken);
        return memberships
            .OrderByDescending(m => m.LastUsedAt ?? DateTime.MinValue)
            .ThenByDescending(m => m.Membership.Role == AccountRole.Owner)
            .ThenBy(m => m.AddedAt)
            .ThenBy(m => m.Membership.AccountId)
            .Select(m => m.Membership)
            .FirstOrDefault();
    }

    /// <summary>Remembers that the user chose to work in the account (their default from now on).</summary>
    public async Task MarkUsedAsync(string userId, int accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await db.AccountMembers.Where(m => m.UserId == userId && m.AccountId == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastUsedAt, now), cancellationToken);
    }

    /// <summary>The account's members, owners first.</summary>
    public async Task<IReadOnlyList<MemberEntry>> ListAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var members = await db.AccountMembers.AsNoTracking()
            .Where(m => m.AccountId == accountId)
            .Select(m => new MemberEntry(m.UserId, m.User!.Email ?? m.User.UserName ?? m.UserId, m.Role, m.AddedAt))
            .ToListAsync(cancellationToken);
        return members.OrderByDescending(m => m.Role).ThenBy(m => m.Email, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// Makes an existing user (by email) a member at once, without asking them: for the operator's own setup (the demo
    /// owner). An owner's request goes through <see cref="AccountInvitations"/>, which needs the user's consent.
    /// </summary>
    public async Task<MemberEntry> AddAsync(int accountId, string email, AccountRole role, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalized = normalizer.NormalizeEmail(email.Trim());
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken)
            ?? throw new MembershipException($"No user has the email '{email.Trim()}'; they sign up first, then you add them.");
        if (await db.AccountMembers.AnyAsync(m => m.AccountId == accountId && m.UserId == user.Id, cancellationToken))
        {
            throw new MembershipException($"{user.Email} is already a member of this account.");
        }

        var member = new AccountMember { AccountId = accountId, UserId = user.Id, Role = role, AddedAt = time.GetUtcNow().UtcDateTime };
        db.AccountMembers.Add(member);
        await db.SaveChangesAsync(cancellationToken);
        return new MemberEntry(user.Id, user.Email ?? user.Id, role, member.AddedAt);
    }

    public async Task SetRoleAsync(int accountId, string userId, AccountRole role, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = await FindRowAsync(db, accountId, userId, cancellationToken);
        if (member.Role == AccountRole.Owner && role != AccountRole.Owner)
        {
            await EnsureAnotherOwnerAsync(db, accountId, userId, cancellationToken);
        }

        member.Role = role;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Removes the member; they lose access on their next request or action, including open editors.</summary>
    public async Task RemoveAsync(int accountId, string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = await FindRowAsync(db, accountId, userId, cancellationToken);
        if (member.Role == AccountRole.Owner)
        {
            await EnsureAnotherOwnerAsync(db, accountId, userId, cancellationToken);
        }

        db.AccountMembers.Remove(member);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task<AccountMember> FindRowAsync(VodDbContext db, int accountId, string userId, CancellationToken cancellationToken) =>
        await db.AccountMembers.FirstOrDefaultAsync(m => m.AccountId == accountId && m.UserId == userId, cancellationToken)
        ?? throw new MembershipException("That user is not a member of this account.");

    // An account without an owner could never get members or settings changed again.
    private static async Task EnsureAnotherOwnerAsync(VodDbContext db, int accountId, string userId, CancellationToken cancellationToken)
    {
        if (!await db.AccountMembers.AnyAsync(m => m.AccountId == accountId && m.UserId != userId && m.Role == AccountRole.Owner, cancellationToken))
        {
            throw new MembershipException("An account keeps at least one owner: make someone else owner first.");
        }
    }
}
