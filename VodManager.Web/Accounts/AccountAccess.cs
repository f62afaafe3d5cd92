using VodManager.Core.Accounts;

namespace VodManager.Web.Accounts;

/// <summary>The signed-in user's standing in the account they work in, checked against the database just now.</summary>
public sealed record AccountAccess(int AccountId, string AccountName, AccountRole Role, string UserId, string Actor)
{
    public bool CanEdit => Role >= AccountRole.Editor;

    public bool IsOwner => Role == AccountRole.Owner;
}
