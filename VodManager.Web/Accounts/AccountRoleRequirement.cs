using Microsoft.AspNetCore.Authorization;
using VodManager.Core.Accounts;

namespace VodManager.Web.Accounts;

/// <summary>The signed-in user's role in the account they work in is at least <see cref="Minimum"/>.</summary>
public sealed record AccountRoleRequirement(AccountRole Minimum) : IAuthorizationRequirement;
