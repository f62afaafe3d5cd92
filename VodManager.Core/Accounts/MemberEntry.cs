
namespace VodManager.Core.Accounts;

/// <summary>A member as the account's owner sees them.</summary>
public sealed record MemberEntry(string UserId, string Email, AccountRole Role, DateTime AddedAt);
