
namespace VodManager.Core.Accounts;

/// <summary>An open invitation, as its account's owners see it (by email) and as the invited user sees it (by account and sender).</summary>
public sealed record Invitation(int Id, int AccountId, string AccountName, string Email, AccountRole Role, string InvitedBy, DateTime CreatedAt);
