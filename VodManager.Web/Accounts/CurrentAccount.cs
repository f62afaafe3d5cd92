using Microsoft.AspNetCore.Components.Authorization;
using VodManager.Core.Accounts;

namespace VodManager.Web.Accounts;

/// <summary>
/// The account the signed-in user works in, for this circuit or request. The account is chosen once (a circuit keeps
/// working in the account it opened with, whatever another tab switches to), but the membership is read again on
/// every call, so a removed member or a lowered role is refused at their next action.
/// </summary>
public sealed class CurrentAccount(AuthenticationStateProvider authentication, AccountSelection selection, AccountMembers members)
{
    private int? _accountId;

    /// <summary>This circuit changed the account's details (its name): what shows them reads them again.</summary>
    public event Func<Task>? DetailsChanged;

    public Task OnDetailsChangedAsync() => DetailsChanged?.Invoke() ?? Task.CompletedTask;

    /// <summary>The user's access now, or null when they are signed out or no longer a member.</summary>
    public async Task<AccountAccess?> FindAsync(CancellationToken cancellationToken)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (AccountSelection.UserId(user) is not { } userId)
        {
            return null;
        }

        var membership = _accountId is { } pinned
            ? await members.FindAsync(userId, pinned, cancellationToken)
            : await selection.ResolveAsync(user, cancellationToken);
        if (membership is null)
        {
            return null;
        }

        _accountId = membership.AccountId;
        return new AccountAccess(membership.AccountId, membership.AccountName, membership.Role, userId, user.Identity!.Name ?? userId);
    }

    /// <summary>The user's access, refused unless their role is at least <paramref name="minimum"/>.</summary>
    public async Task<AccountAccess> RequireAsync(AccountRole minimum, CancellationToken cancellationToken)
    {
        var access = await FindAsync(cancellationToken) ?? throw new AccountAccessException("You are no longer a member of this account.");
        return access.Role >= minimum
            ? access
            : throw new AccountAccessException($"Your role in {access.AccountName} is {access.Role.ToString().ToLowerInvariant()}; this needs {minimum.ToString().ToLowerInvariant()}.");
    }

    public async Task<int> GetIdAsync(CancellationToken cancellationToken) => (await RequireAsync(AccountRole.Viewer, cancellationToken)).AccountId;
}
