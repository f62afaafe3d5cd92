using System.Globalization;
using System.Security.Claims;
using VodManager.Core.Accounts;

namespace VodManager.Web.Accounts;

/// <summary>
/// Which of a user's accounts they work in: the one named by the sign-in cookie's account claim (set by the account
/// switcher or an accepted invitation) while they still belong to it, else the one they last used, else their own
/// (<see cref="AccountMembers.DefaultForUserAsync"/>). The membership always comes from the database, never from the
/// cookie alone.
/// </summary>
public sealed class AccountSelection(AccountMembers members)
{
    public static string? UserId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public static int? SelectedAccountId(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(AccountSessions.AccountClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public async Task<Membership?> ResolveAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (UserId(user) is not { } userId)
        {
            return null;
        }

        if (SelectedAccountId(user) is { } selected && await members.FindAsync(userId, selected, cancellationToken) is { } membership)
        {
            return membership;
        }

        return await members.DefaultForUserAsync(userId, cancellationToken);
    }
}
