using VodManager.Core.Accounts;

namespace VodManager.Core.Data.Entities;

/// <summary>A user's place in an account. Access is checked against this row on every request and circuit action.</summary>
public sealed class AccountMember
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public required string UserId { get; set; }
    public AccountRole Role { get; set; }
    public DateTime AddedAt { get; set; }

    /// <summary>When the user last chose to work in this account (switching, accepting); their default is the latest.</summary>
    public DateTime? LastUsedAt { get; set; }

    public Account? Account { get; set; }
    public AppUser? User { get; set; }
}
