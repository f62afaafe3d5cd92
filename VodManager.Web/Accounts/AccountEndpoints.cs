using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using VodManager.Core.Accounts;

namespace VodManager.Web.Accounts;

/// <summary>
/// Form posts that change the sign-in cookie (a circuit cannot set cookies): switch account, accept or decline an
/// invitation, sign out. All check antiforgery.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // Each checks the membership or invitation it acts on itself: a user in no account (yet, or any more) needs them.
        app.MapPost("/account/switch", SwitchAsync).RequireAuthorization(AccountPolicies.SignedIn).ExcludeFromDescription();
        app.MapPost("/account/invitations/accept", AcceptAsync).RequireAuthorization(AccountPolicies.SignedIn).ExcludeFromDescription();
        app.MapPost("/account/invitations/decline", DeclineAsync).RequireAuthorization(AccountPolicies.SignedIn).ExcludeFromDescription();
        app.MapPost("/account/signout", SignOutAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SwitchAsync([FromForm] int accountId, HttpContext http, AccountSessions sessions) =>
        await sessions.SwitchAsync(http.User, accountId, http.RequestAborted) ? Results.LocalRedirect("/streams") : Results.NotFound();

    private static async Task<IResult> AcceptAsync([FromForm] int invitationId, HttpContext http, AccountSessions sessions) =>
        await sessions.AcceptInvitationAsync(http.User, invitationId, http.RequestAborted) ? Results.LocalRedirect("/streams") : Results.NotFound();

    private static async Task<IResult> DeclineAsync([FromForm] int invitationId, HttpContext http, AccountSessions sessions)
    {
        await sessions.DeclineInvitationAsync(http.User, invitationId, http.RequestAborted);
        return Results.LocalRedirect("/streams");
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, AccountSessions sessions)
    {
        // No form field is bound here, so the automatic antiforgery check would not run: ask for it.
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest();
        }

        await sessions.SignOutAsync();
        return Results.LocalRedirect(AccountsWebExtensions.SignInPath);
    }
}
