using Microsoft.AspNetCore.Authorization;

namespace VodManager.Web.Accounts;

/// <summary>Checks the membership in the database on every request, so removal takes effect without signing out.</summary>
public sealed class AccountRoleHandler(AccountSelection selection) : AuthorizationHandler<AccountRoleRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AccountRoleRequirement requirement)
    {
        var aborted = (context.Resource as HttpContext)?.RequestAborted ?? CancellationToken.None;
        if (await selection.ResolveAsync(context.User, aborted) is { } membership && membership.Role >= requirement.Minimum)
        {
            context.Succeed(requirement);
        }
    }
}
