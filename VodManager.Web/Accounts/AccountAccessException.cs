using VodManager.Core;

namespace VodManager.Web.Accounts;

/// <summary>The user may not do this in this account (signed out, removed, or their role is too low); the message says which.</summary>
public sealed class AccountAccessException(string message) : UserFacingException(message);
