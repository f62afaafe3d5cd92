namespace VodManager.Core.Accounts;

/// <summary>What a member may do inside an account; each role includes the ones below it.</summary>
public enum AccountRole
{
    /// <summary>Reads streams, highlights and clips; changes nothing.</summary>
    Viewer = 0,

    /// <summary>Detects, trims, cuts, refines, overrides, dismisses and deletes clips.</summary>
    Editor = 1,

    /// <summary>Everything an editor does, plus members and the account's settings.</summary>
    Owner = 2,
}
