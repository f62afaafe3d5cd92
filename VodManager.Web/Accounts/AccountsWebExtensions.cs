using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using VodManager.Core.Accounts;
using VodManager.Web.Components.Account;

namespace VodManager.Web.Accounts;

public static class AccountsWebExtensions
{
    public const string SignInPath = "/account/signin";
    public const string AccessDeniedPath = "/account/denied";

    /// <summary>Identity's cookies (Core signs in through them), account-role policies, and the current account for pages and endpoints.</summary>
    public static IServiceCollection AddVodManagerAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AccountsOptions.Section).Get<AccountsOptions>() ?? new AccountsOptions();
        services.AddAccountSessions();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "VodManager.Auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = options.RequireHttpsCookie ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = options.SessionLifetime;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = SignInPath;
            cookie.AccessDeniedPath = AccessDeniedPath;
            cookie.Events = new CookieAuthenticationEvents
            {
                // Identity's own events object did this; replacing it must keep it, or a changed password never ends another browser's sign-in.
                OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync,

                // Media, downloads and the upload API answer with a status, not an HTML sign-in page a player or script cannot use.
                OnRedirectToLogin = context => RefuseOrRedirect(context, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = context => RefuseOrRedirect(context, StatusCodes.Status403Forbidden),

                // A sign-in on the sign-in page redirects to the query's returnUrl as it came: a character a header
                // cannot hold made that a 500. Only a safe, encoded local path goes out.
                OnRedirectToReturnUrl = context =>
                {
                    context.Response.Redirect(SafeReturnUrl.Of(context.RedirectUri));
                    return Task.CompletedTask;
                },
            };
        });

        // The periodic security-stamp check ends other browsers' sign-ins after a password change; the refresh it does
        // rebuilds the principal, so keep the account the user switched to.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = options.SessionCheckInterval;
            o.OnRefreshingPrincipal = KeepAccount;
        });
        services.AddAuthorizationBuilder().AddAccountPolicies();
        services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, AccountRoleHandler>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, StampRevalidation>();
        services.AddSingleton<AccountSelection>();
        services.AddScoped<CurrentAccount>();
        return services;
    }

    /// <summary>
    /// Authentication and authorization, and the request's user handed to <see cref="AuthenticationStateProvider"/> so
    /// endpoints outside Blazor (uploads, media) resolve the current account the same way pages do.
    /// </summary>
    public static WebApplication UseVodManagerAccounts(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use((http, next) =>
        {
            if (http.RequestServices.GetService<AuthenticationStateProvider>() is IHostEnvironmentAuthenticationStateProvider host)
            {
                host.SetAuthenticationState(Task.FromResult(new AuthenticationState(http.User)));
            }

            return next(http);
        });
        return app;
    }

    private static Task KeepAccount(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(AccountSessions.AccountClaim) is { } claim && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
        {
            identity.AddClaim(new System.Security.Claims.Claim(claim.Type, claim.Value));
        }

        return Task.CompletedTask;
    }

    // A body keeps the status-code pages middleware from turning the refusal into an HTML page.
    private static Task RefuseOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/api") && !path.StartsWithSegments("/media"))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(status == StatusCodes.Status401Unauthorized ? "Sign in first." : "You are not a member of this account.", context.HttpContext.RequestAborted);
    }
}
