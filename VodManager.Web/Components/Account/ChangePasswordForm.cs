namespace VodManager.Web.Components.Account;

/// <summary>What the change-password form posts.</summary>
public sealed class ChangePasswordForm
{
    public string Current { get; set; } = "";

    public string New { get; set; } = "";

    public string Confirm { get; set; } = "";
}
