namespace VodManager.Web.Components.Account;

/// <summary>What the change-password form posts; the reset form (a forgotten password) posts the new one only.</summary>
public sealed class ChangePasswordForm
{
    public string Current { get; set; } = "";

    public string New { get; set; } = "";

    public string Confirm { get; set; } = "";

    /// <summary>Why the new password cannot be taken as typed (its repetition differs), or null.</summary>
    public string? Mismatch => New == Confirm ? null : "The new password and its repetition differ.";
}
