using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using VodManager.Core;
using VodManager.Core.Accounts;

namespace VodManager.Web.Components.Account;

/// <summary>Email and password sign-in, with lockout after repeated failures. Rendered statically: it answers a form post with the cookie.</summary>
public sealed partial class SignIn
{
    private string? _error;

    [Inject] private AccountSessions Sessions { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IOptions<AccountsOptions> Accounts { get; set; } = default!;
    [Inject] private IOptions<VodManagerOptions> App { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "signin")] private SignInForm? Input { get; set; }

    [SupplyParameterFromQuery] private string? ReturnUrl { get; set; }

    private string ReturnQuery => ReturnUrl is null ? "" : $"?returnUrl={Uri.EscapeDataString(ReturnUrl)}";

    /// <summary>The embedded demo's documented owner, shown only while the demo seed is on.</summary>
    private (string Email, string Password)? DemoHint => App.Value.SeedDemo ? (Accounts.Value.DemoEmail, Accounts.Value.DemoPassword) : null;

    protected override void OnInitialized() => Input ??= new SignInForm();

    private async Task SignInAsync()
    {
        var outcome = await Sessions.SignInAsync(Input!.Email, Input.Password, Input.Remember);
        if (outcome == SignInOutcome.SignedIn)
        {
            Navigation.NavigateTo(SafeReturnUrl.Of(ReturnUrl));
            return;
        }

        _error = outcome == SignInOutcome.LockedOut
            ? $"Too many failed sign-ins: this user is locked for {Accounts.Value.LockoutDuration.TotalMinutes:0} minutes. Try again later."
            : "The email or password is wrong.";
    }
}
