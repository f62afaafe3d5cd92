namespace VodManager.Web.Components.Account;

/// <summary>What the sign-up form posts.</summary>
public sealed class SignUpForm
{
    public string Email { get; set; } = "";

    public string Password { get; set; } = "";

    public string AccountName { get; set; } = "";
}
