using Microsoft.AspNetCore.Authorization;
using VodManager.Core.Accounts;

namespace VodManager.Web.Accounts;

/// <summary>
/// Authorization policies by account role; <see cref="Member"/> is also the fallback for every endpoint that names none.
/// <see cref="SignedIn"/> asks for a sign-in only: what a user in no account still needs (the no-access page, an
/// invitation's answer, switching to another account, their password), or the no-access page would refuse itself.
/// </summary>
public static class AccountPolicies
{
    public const string SignedIn = "signed-in";
    public const string Member = "account-member";
    public const string Editor = "account-editor";
    public const string Owner = "account-owner";

    public static AuthorizationBuilder AddAccountPolicies(this AuthorizationBuilder builder)
    {
        var member = Policy(AccountRole.Viewer);
        return builder
            .AddPolicy(SignedIn, new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Member, member)
            .AddPolicy(Editor, Policy(AccountRole.Editor))
            .AddPolicy(Owner, Policy(AccountRole.Owner))
            .SetDefaultPolicy(member)
            .SetFallbackPolicy(member);
    }

    private static AuthorizationPolicy Policy(AccountRole minimum) =>
        new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new AccountRoleRequirement(minimum)).Build();
}
