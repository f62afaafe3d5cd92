namespace VodManager.Web.Components.Account;

/// <summary>What the sign-in form posts.</summary>
public sealed class SignInForm
{
    public string Email { get; set; } = "";

    public string Password { get; set; } = "";

    public bool Remember { get; set; }
}
