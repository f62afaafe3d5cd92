using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using VodManager.Core.Accounts;
using VodManager.Core.Data.Entities;

namespace VodManager.Web.Accounts;

/// <summary>Form posts that change the sign-in cookie (a circuit cannot set cookies): switch account, sign out. Both check antiforgery.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/switch", SwitchAsync).ExcludeFromDescription();
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
