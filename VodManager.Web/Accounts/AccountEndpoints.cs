using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using VodManager.Core.Accounts;
using VodManager.Core.Data.Entities;

namespace VodManager.Web.Accounts;

/// <summary>
/// Form posts that change the sign-in cookie (a circuit cannot set cookies): switch account, accept or decline an
/// invitation, sign out. All check antiforgery.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/switch", SwitchAsync).ExcludeFromDescription();
        app.MapPost("/account/invitations/accept", AcceptAsync).ExcludeFromDescription();
        app.MapPost("/account/invitations/decline", DeclineAsync).ExcludeFromDescription();
        app.MapPost("/account/signout", SignOutAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SwitchAsync([FromForm] int accountId, HttpContext http, AccountMembers members, SignInManager<AppUser> signIn)
    {
        var user = await signIn.UserManager.GetUserAsync(http.User);

        // An account the user does not belong to does not exist for them.
        if (user is null || await members.FindAsync(user.Id, accountId, http.RequestAborted) is null)
        {
            return Results.NotFound();
        }

        await members.MarkUsedAsync(user.Id, accountId, http.RequestAborted);
        return await WorkInAsync(http, signIn, user, accountId);
    }

    private static async Task<IResult> AcceptAsync([FromForm] int invitationId, HttpContext http, AccountInvitations invitations, SignInManager<AppUser> signIn)
    {
        var user = await signIn.UserManager.GetUserAsync(http.User);
        if (user is null)
        {
            return Results.NotFound();
        }

        try
        {
            var joined = await invitations.AcceptAsync(user.Id, invitationId, http.RequestAborted);
            return await WorkInAsync(http, signIn, user, joined.AccountId);
        }
        catch (MembershipException)
        {
            // Withdrawn or answered in another tab: the banner will simply not show it again.
            return Results.LocalRedirect("/streams");
        }
    }

    private static async Task<IResult> DeclineAsync([FromForm] int invitationId, HttpContext http, AccountInvitations invitations, UserManager<AppUser> users)
    {
        if (await users.GetUserAsync(http.User) is { } user)
        {
            await invitations.DeclineAsync(user.Id, invitationId, http.RequestAborted);
        }

        return Results.LocalRedirect("/streams");
    }

    private static async Task<IResult> WorkInAsync(HttpContext http, SignInManager<AppUser> signIn, AppUser user, int accountId)
    {
        var persistent = (await http.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Properties?.IsPersistent ?? false;
        await signIn.SignInWithClaimsAsync(user, persistent, [new System.Security.Claims.Claim(AccountSelection.AccountClaim, accountId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        return Results.LocalRedirect("/streams");
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, SignInManager<AppUser> signIn)
    {
        // No form field is bound here, so the automatic antiforgery check would not run: ask for it.
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest();
        }

        await signIn.SignOutAsync();
        return Results.LocalRedirect(AccountsWebExtensions.SignInPath);
    }
}
