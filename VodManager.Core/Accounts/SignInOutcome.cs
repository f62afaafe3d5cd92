namespace VodManager.Core.Accounts;

/// <summary>How a password sign-in ended.</summary>
public enum SignInOutcome
{
    SignedIn,
    LockedOut,
    Refused,
}
