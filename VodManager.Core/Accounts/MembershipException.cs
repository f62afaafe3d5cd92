namespace VodManager.Core.Accounts;

/// <summary>A membership change that cannot be made (unknown user, last owner, already a member), with a reason to show.</summary>
public sealed class MembershipException(string message) : UserFacingException(message);
