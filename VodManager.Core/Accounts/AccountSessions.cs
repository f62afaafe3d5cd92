using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Accounts;

/// <summary>
/// The sign-in cookie's changes, over Identity: sign in, sign up, change the password, work in another account, accept
/// or decline an invitation, sign out. Pages and endpoints pass what the user typed or chose and the request's principal; the
/// user entity stays here.
/// </summary>
public sealed class AccountSessions(
    SignInManager<AppUser> signIn, AccountProvisioning provisioning, AccountMembers members, AccountInvitations invitations, IOptions<AccountsOptions> options)
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

    /// <summary>
    /// Changes the signed-in user's password once the current one checks out (a wrong one counts towards the lockout,
    /// as at sign-in: a session left open is no way to guess it), and re-issues this browser's cookie with the new
    /// security stamp; other browsers signed in as the user are signed out at their next check
    /// (<see cref="AccountsOptions.SessionCheckInterval"/>).
    /// </summary>
    /// <returns>Null, or why the password stays as it was.</returns>
    public async Task<string?> ChangePasswordAsync(ClaimsPrincipal principal, string current, string next)
    {
        var user = await signIn.UserManager.GetUserAsync(principal);
        if (user is null)
        {
            return "Sign in first.";
        }

        var check = await signIn.CheckPasswordSignInAsync(user, current, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            return $"Too many wrong passwords: this user is locked for {options.Value.LockoutDuration.TotalMinutes:0} minutes. The password stays as it was.";
        }

        if (!check.Succeeded)
        {
            return "The current password is wrong.";
        }

        if (next == current)
        {
            return "The new password is the current one.";
        }

        var changed = await signIn.UserManager.ChangePasswordAsync(user, current, next);
        if (!changed.Succeeded)
        {
            return string.Join(" ", changed.Errors.Select(e => e.Description));
        }

        await ReissueAsync(user, principal.FindAll(AccountClaim).Select(c => new Claim(c.Type, c.Value)));
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

    private Task WorkInAsync(AppUser user, int accountId) => ReissueAsync(user, [new Claim(AccountClaim, accountId.ToString(CultureInfo.InvariantCulture))]);

    /// <summary>Re-issues the cookie with <paramref name="claims"/> added, as persistent as the current one.</summary>
    private async Task ReissueAsync(AppUser user, IEnumerable<Claim> claims)
    {
        var persistent = (await signIn.Context.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Properties?.IsPersistent ?? false;
        await signIn.SignInWithClaimsAsync(user, persistent, claims);
    }
}
