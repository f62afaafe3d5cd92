using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using VodManager.Core.Accounts;
using VodManager.Tests.Fixtures;
using VodManager.Web.Accounts;

namespace VodManager.Tests.Accounts;

public sealed class StampRevalidationTests
{
    /// <summary>
    /// The check of an open page's sign-in cannot reach the user's stamp (here the app's services are gone, as when it
    /// stops under open pages; a database hiccup fails the same way): the page stays signed in and the check is logged
    /// as not made, instead of the page being signed out (which, at a stop, also crashed its circuit's next render).
    /// </summary>
    [Fact]
    public async Task A_check_that_cannot_be_made_keeps_the_page_signed_in_and_says_so()
    {
        var services = new ServiceCollection().BuildServiceProvider();
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        await services.DisposeAsync();
        var logs = new FakeLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));
        using var revalidation = new StampRevalidation(loggers, scopes, Options.Create(new AccountsOptions { SessionCheckInterval = TimeSpan.FromMilliseconds(20) }));
        var signedOut = 0;
        revalidation.AuthenticationStateChanged += async state =>
        {
            if ((await state).User.Identity?.IsAuthenticated != true)
            {
                Interlocked.Increment(ref signedOut);
            }
        };
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "editor-1")], "cookie"));

        revalidation.SetAuthenticationState(Task.FromResult(new AuthenticationState(user)));

        // Three checks made and none signed the page out (the first one did before).
        await Wait.UntilAsync(() => logs.Collector.GetSnapshot().Count(r => r.Category == typeof(StampRevalidation).FullName) >= 3, "the checks were not logged");
        Assert.Equal(0, Volatile.Read(ref signedOut));
        Assert.True((await revalidation.GetAuthenticationStateAsync()).User.Identity!.IsAuthenticated);
        var check = logs.Collector.GetSnapshot().First(r => r.Category == typeof(StampRevalidation).FullName);
        Assert.Equal(LogLevel.Warning, check.Level);
        Assert.IsType<ObjectDisposedException>(check.Exception);
        Assert.StartsWith("Could not check an open page's sign-in; it stays signed in until the next check in", check.Message);
    }
}
