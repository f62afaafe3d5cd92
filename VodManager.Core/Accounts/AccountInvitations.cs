using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Accounts;

/// <summary>
/// Joining an account takes the invited user's consent: an owner invites by email, the user sees the invitation
/// after signing in and accepts or declines it. Until then they have no access. The owner's answer is the same
/// whether or not anyone has that email, so inviting cannot be used to find out who has signed up.
/// </summary>
public sealed class AccountInvitations(IDbContextFactory<VodDbContext> dbFactory, ILookupNormalizer normalizer, TimeProvider time)
{
    /// <summary>The answer to every invitation that was recorded, whoever has the email.</summary>
    public const string SentMessage = "If a user with this email exists, they have been invited; they join once they accept it after signing in.";

    /// <summary>Records an invitation (inviting the same address again changes its role) and returns <see cref="SentMessage"/>.</summary>
    public async Task<string> InviteAsync(int accountId, string email, AccountRole role, string invitedBy, CancellationToken cancellationToken)
    {
        var typed = email.Trim();
        if (typed.Length is < 3 or > 256 || !typed.Contains('@', StringComparison.Ordinal))
        {
            throw new MembershipException($"'{typed}' is not an email address.");
        }

        var normalized = normalizer.NormalizeEmail(typed);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.InTransactionAsync(async ct =>
        {
            var userId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(ct);
            if (userId is not null && await db.AccountMembers.AnyAsync(m => m.AccountId == accountId && m.UserId == userId, ct))
            {
                // The owner already sees this member in the list: saying so reveals nothing new.
                throw new MembershipException($"{typed} is already a member of this account.");
            }

            var invitation = await db.AccountInvitations.FirstOrDefaultAsync(i => i.AccountId == accountId && i.NormalizedEmail == normalized, ct);
            if (invitation is null)
            {
                invitation = new AccountInvitation { AccountId = accountId, Email = typed, NormalizedEmail = normalized, InvitedBy = invitedBy };
                db.AccountInvitations.Add(invitation);
            }

            invitation.UserId = userId;
            invitation.Role = role;
            invitation.InvitedBy = invitedBy;
            invitation.CreatedAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }, cancellationToken);
        return SentMessage;
    }

    /// <summary>The account's open invitations, newest first (for its owners).</summary>
    public Task<IReadOnlyList<Invitation>> ForAccountAsync(int accountId, CancellationToken cancellationToken) =>
        QueryAsync(i => i.AccountId == accountId, cancellationToken);

    /// <summary>The invitations waiting for the user's answer, newest first.</summary>
    public Task<IReadOnlyList<Invitation>> ForUserAsync(string userId, CancellationToken cancellationToken) =>
        QueryAsync(i => i.UserId == userId, cancellationToken);

    /// <summary>An owner takes an invitation back; it cannot be accepted any more.</summary>
    public async Task WithdrawAsync(int accountId, int invitationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.AccountInvitations.Where(i => i.Id == invitationId && i.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The invited user joins with the invitation's role; the account becomes the one they last used.</summary>
    public async Task<Membership> AcceptAsync(string userId, int invitationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.InTransactionAsync(async ct =>
        {
            var invitation = await db.AccountInvitations.Include(i => i.Account).FirstOrDefaultAsync(i => i.Id == invitationId && i.UserId == userId, ct)
                ?? throw new MembershipException("This invitation is no longer open: it was withdrawn or already answered.");
            db.AccountInvitations.Remove(invitation);
            var now = time.GetUtcNow().UtcDateTime;
            if (!await db.AccountMembers.AnyAsync(m => m.AccountId == invitation.AccountId && m.UserId == userId, ct))
            {
                db.AccountMembers.Add(new AccountMember { AccountId = invitation.AccountId, UserId = userId, Role = invitation.Role, AddedAt = now, LastUsedAt = now });
            }

            await db.SaveChangesAsync(ct);
            return new Membership(invitation.AccountId, invitation.Account!.Name, invitation.Role);
        }, cancellationToken);
    }

    /// <summary>The invited user says no; nothing is granted and the invitation is gone.</summary>
    public async Task DeclineAsync(string userId, int invitationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.AccountInvitations.Where(i => i.Id == invitationId && i.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<Invitation>> QueryAsync(System.Linq.Expressions.Expression<Func<AccountInvitation, bool>> filter, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var invitations = await db.AccountInvitations.AsNoTracking().Where(filter)
            .Select(i => new Invitation(i.Id, i.AccountId, i.Account!.Name, i.Email, i.Role, i.InvitedBy, i.CreatedAt))
            .ToListAsync(cancellationToken);
        return invitations.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).ToList();
    }
}
