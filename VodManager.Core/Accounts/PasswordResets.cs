using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Accounts;

/// <summary>
/// A forgotten password, set again through a one-time link. The product sends no mail, so whoever runs the server
/// makes the link (`vodmanager users reset-password`) and passes it on, as an operator of a self-hosted tool does. The
/// link carries Identity's reset token: it lasts Accounts:PasswordLinkLifetime and holds the user's security stamp, so
/// it works once (setting the password changes the stamp) and not after the user changed the password otherwise;
/// setting it also signs the user's other browsers out at their next check and lifts a lockout.
/// </summary>
public sealed class PasswordResets(UserManager<AppUser> users, IOptions<AccountsOptions> options, TimeProvider time)
{
    /// <summary>The page a link opens.</summary>
    public const string PagePath = "/account/reset-password";

    /// <exception cref="MembershipException">No user has the email.</exception>
    public async Task<PasswordLink> IssueAsync(string email, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var user = await users.FindByEmailAsync(email.Trim()) ?? throw new MembershipException($"No user has the email '{email.Trim()}'.");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        return new PasswordLink(user.Email!, token, time.GetUtcNow().UtcDateTime + options.Value.PasswordLinkLifetime);
    }

    /// <returns>Null, or why the password stays as it was.</returns>
    public async Task<string?> ResetAsync(string email, string token, string password)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || string.IsNullOrEmpty(token))
        {
            return Unusable;
        }

        // The token is checked before the password, so a refused password leaves the link working for another try.
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (!reset.Succeeded)
        {
            return reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)) ? Unusable : string.Join(" ", reset.Errors.Select(e => e.Description));
        }

        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        return null;
    }

    private string Unusable =>
        $"This link does not work (any more): it was used already, it is older than {Strings.Span(options.Value.PasswordLinkLifetime)}, the password was changed since, "
        + "or it was copied incompletely. Ask whoever runs VodManager for a new one.";
}

/// <summary>A one-time link to set <see cref="Email"/>'s password, valid until <see cref="ExpiresAt"/> (UTC).</summary>
public sealed record PasswordLink(string Email, string Token, DateTime ExpiresAt)
{
    /// <summary>The page's path with the email and token, to put after the address people open VodManager at.</summary>
    public string PathAndQuery => $"{PasswordResets.PagePath}?email={Uri.EscapeDataString(Email)}&token={Uri.EscapeDataString(Token)}";
}
