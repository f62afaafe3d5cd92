using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using VodManager.Core;
using VodManager.Core.Accounts;
using VodManager.Core.Data.Entities;

namespace VodManager.Web.Components.Account;

/// <summary>Email and password sign-in, with lockout after repeated failures. Rendered statically: it answers a form post with the cookie.</summary>
public sealed partial class SignIn
{
    private string? _error;

    [Inject] private SignInManager<AppUser> SignInManager { get; set; } = default!;
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
        var result = await SignInManager.PasswordSignInAsync(Input!.Email.Trim(), Input.Password, Input.Remember, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            Navigation.NavigateTo(SafeReturnUrl.Of(ReturnUrl));
            return;
        }

        _error = result.IsLockedOut
            ? $"Too many failed sign-ins: this user is locked for {Accounts.Value.LockoutDuration.TotalMinutes:0} minutes. Try again later."
            : "The email or password is wrong.";
    }
}
