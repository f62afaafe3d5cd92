using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Quota;

namespace VodManager.Core.Accounts;

/// <summary>
/// Creates users, and on sign-up a new free-tier account they own. The user, the account and the membership are
/// written in one transaction on the same context Identity uses, so a refused password or a taken email leaves nothing.
/// </summary>
public sealed class AccountProvisioning(VodDbContext db, UserManager<AppUser> users, IOptions<QuotaOptions> quota, TimeProvider time)
{
    /// <summary>A new user who owns a new account named <paramref name="accountName"/>.</summary>
    public Task<ProvisioningResult> SignUpAsync(string email, string password, string accountName, CancellationToken cancellationToken)
    {
        if (AccountNames.Problem(accountName) is { } problem)
        {
            return Task.FromResult(ProvisioningResult.Failed(problem));
        }

        var account = new Account { Name = accountName.Trim(), Plan = AccountPlan.Free, MaxVodCount = quota.Value.FreeTierMaxVods, CreatedAt = Now };
        return CreateAsync(email, password, account, cancellationToken);
    }

    /// <summary>A new user who owns an existing account (the demo owner, or an operator's first owner).</summary>
    public async Task<ProvisioningResult> CreateOwnerAsync(string email, string password, int accountId, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        return account is null
            ? ProvisioningResult.Failed($"There is no account {accountId}.")
            : await CreateAsync(email, password, account, cancellationToken);
    }

    /// <summary>
    /// A new user with no password and no account yet, added by the operator (with sign-up off, the way in): they set
    /// the password through a link (<see cref="PasswordResets"/>) and join accounts through owners' invitations.
    /// </summary>
    public async Task<ProvisioningResult> AddUserAsync(string email, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var user = new AppUser { UserName = email.Trim(), Email = email.Trim(), CreatedAt = Now };
        var created = await users.CreateAsync(user);
        return created.Succeeded ? ProvisioningResult.Created(user, 0) : ProvisioningResult.Failed(Describe(created));
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Identity's refusals, each said once: the user name is the email, so its complaints repeat the email's.</summary>
    private static string Describe(IdentityResult result)
    {
        var codes = result.Errors.Select(e => e.Code).ToHashSet();
        var echoes = new Dictionary<string, string>
        {
            [nameof(IdentityErrorDescriber.DuplicateUserName)] = nameof(IdentityErrorDescriber.DuplicateEmail),
            [nameof(IdentityErrorDescriber.InvalidUserName)] = nameof(IdentityErrorDescriber.InvalidEmail),
        };
        return string.Join(" ", result.Errors.Where(e => !(echoes.TryGetValue(e.Code, out var same) && codes.Contains(same))).Select(e => e.Description));
    }

    private Task<ProvisioningResult> CreateAsync(string email, string password, Account account, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async ct =>
        {
            var user = new AppUser { UserName = email.Trim(), Email = email.Trim(), CreatedAt = Now };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return ProvisioningResult.Failed(Describe(created));
            }

            if (account.Id == 0)
            {
                db.Accounts.Add(account);
            }
            else
            {
                db.Attach(account);
            }

            db.AccountMembers.Add(new AccountMember { Account = account, UserId = user.Id, Role = AccountRole.Owner, AddedAt = Now });
            await db.SaveChangesAsync(ct);
            return ProvisioningResult.Created(user, account.Id);
        }, cancellationToken);
}
