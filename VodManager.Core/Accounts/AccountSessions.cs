using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Accounts;

/// <summary>
/// The sign-in cookie's changes, over Identity: sign in, sign up, work in another account, accept or decline an
/// invitation, sign out. Pages and endpoints pass what the user typed or chose and the request's principal; the
/// user entity stays here.
/// </summary>
public sealed class AccountSessions(SignInManager<AppUser> signIn, AccountProvisioning provisioning, AccountMembers members, AccountInvitations invitations)
{
    /// <summary>The cookie's claim naming the account the user works in (set by switching and by an accepted invitation).</summary>
    public const string AccountClaim = "vodmanager:account";

    /// <summary>A password sign-in; failures count towards the lockout.</summary>
    public async Task<SignInOutcome> SignInAsync(string email, string password, bool remember)
    {
        var result = await signIn.PasswordSignInAsync(email.Trim(), password, remember, lockoutOnFailure: true);
        return result.Succeeded ? SignInOutcome.SignedIn : result.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.Refused;
    }

    /// <summary>A new user owning a new account, signed in (not persistently); null, or why nothing was created.</summary>
    public async Task<string?> SignUpAsync(string email, string password, string accountName, CancellationToken cancellationToken)
    {
        var result = await provisioning.SignUpAsync(email, password, accountName, cancellationToken);
        if (!result.Succeeded)
        {
            return result.Error;
        }

        await signIn.SignInAsync(result.User!, isPersistent: false);
        return null;
    }

    /// <summary>Works in <paramref name="accountId"/> from now on; false when the user is not a member (it does not exist for them).</summary>
    public async Task<bool> SwitchAsync(ClaimsPrincipal principal, int accountId, CancellationToken cancellationToken)
    {
        var user = await signIn.UserManager.GetUserAsync(principal);
        if (user is null || await members.FindAsync(user.Id, accountId, cancellationToken) is null)
        {
            return false;
        }

        await members.MarkUsedAsync(user.Id, accountId, cancellationToken);
        await WorkInAsync(user, accountId);
        return true;
    }

    /// <summary>Joins the invitation's account and works in it; false when no user is signed in.</summary>
    public async Task<bool> AcceptInvitationAsync(ClaimsPrincipal principal, int invitationId, CancellationToken cancellationToken)
    {
        var user = await signIn.UserManager.GetUserAsync(principal);
        if (user is null)
        {
            return false;
        }

        try
        {
            var joined = await invitations.AcceptAsync(user.Id, invitationId, cancellationToken);
            await WorkInAsync(user, joined.AccountId);
        }
        catch (MembershipException)
        {
            // Withdrawn or answered in another tab: the banner will simply not show it again.
        }

        return true;
    }

    public async Task DeclineInvitationAsync(ClaimsPrincipal principal, int invitationId, CancellationToken cancellationToken)
    {
        if (await signIn.UserManager.GetUserAsync(principal) is { } user)
        {
            await invitations.DeclineAsync(user.Id, invitationId, cancellationToken);
        }
    }

    public Task SignOutAsync() => signIn.SignOutAsync();

    /// <summary>Re-issues the cookie with the account claim, as persistent as the current one.</summary>
    private async Task WorkInAsync(AppUser user, int accountId)
    {
        var persistent = (await signIn.Context.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Properties?.IsPersistent ?? false;
        await signIn.SignInWithClaimsAsync(user, persistent, [new Claim(AccountClaim, accountId.ToString(CultureInfo.InvariantCulture))]);
    }
}
