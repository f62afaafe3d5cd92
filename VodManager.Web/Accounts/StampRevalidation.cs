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
    private readonly ILogger _logger = loggerFactory.CreateLogger<StampRevalidation>();

    protected override TimeSpan RevalidationInterval => accounts.Value.SessionCheckInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<SessionStamps>().IsCurrentAsync(authenticationState.User);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A check that could not be made proves nothing: failing it signs the page out, so a database hiccup (or
            // the app stopping under open pages) sent every open editor to sign-in at once. As the cookie's own check
            // does, it keeps the sign-in and asks again at the next check.
            _logger.LogWarning(e, "Could not check an open page's sign-in; it stays signed in until the next check in {Interval}", RevalidationInterval);
            return true;
        }
    }
}
