using VodManager.Core.Data.Entities;

namespace VodManager.Core.Accounts;

/// <summary>A created user and the account they own (0 when they own none yet), or why nothing was created.</summary>
public sealed record ProvisioningResult(AppUser? User, int AccountId, string? Error)
{
    public bool Succeeded => Error is null;

    public static ProvisioningResult Created(AppUser user, int accountId) => new(user, accountId, null);

    public static ProvisioningResult Failed(string error) => new(null, 0, error);
}
