using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;
using VodManager.Core.Accounts;

namespace VodManager.Web.Accounts;

/// <summary>
/// An open editor checks its sign-in against the user's security stamp as often as cookies are checked
/// (<see cref="AccountsOptions.SessionCheckInterval"/>): after a password change in another browser, a page left open
/// here goes to sign-in instead of working on with the old sign-in until it is reloaded.
/// </summary>
public sealed class StampRevalidation(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<AccountsOptions> accounts)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => accounts.Value.SessionCheckInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SessionStamps>().IsCurrentAsync(authenticationState.User);
    }
}
