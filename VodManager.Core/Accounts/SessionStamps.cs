using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Accounts;

/// <summary>Whether a sign-in still carries its user's security stamp: a changed password changes the stamp.</summary>
public sealed class SessionStamps(UserManager<AppUser> users, IOptions<IdentityOptions> identity)
{
    /// <returns>False when the user is gone or the stamp in the sign-in is not the user's now.</returns>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        return user is not null
            && principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) == await users.GetSecurityStampAsync(user);
    }
}
