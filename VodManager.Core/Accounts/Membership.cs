
namespace VodManager.Core.Accounts;

/// <summary>One account a user belongs to, and their role in it.</summary>
public sealed record Membership(int AccountId, string AccountName, AccountRole Role);
