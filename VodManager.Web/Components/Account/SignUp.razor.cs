using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using VodManager.Core.Accounts;
using VodManager.Core.Data.Entities;

namespace VodManager.Web.Components.Account;

/// <summary>Creates a user and a new account they own, then signs them in. Rendered statically, like sign-in.</summary>
public sealed partial class SignUp
{
    private string? _error;

    [Inject] private AccountProvisioning Provisioning { get; set; } = default!;
    [Inject] private SignInManager<AppUser> SignInManager { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IOptions<AccountsOptions> Accounts { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "signup")] private SignUpForm? Input { get; set; }

    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;

    protected override void OnInitialized() => Input ??= new SignUpForm();

    private async Task SignUpAsync()
    {
        if (!Accounts.Value.AllowSignUp)
        {
            return;
        }

        var result = await Provisioning.SignUpAsync(Input!.Email, Input.Password, Input.AccountName, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            _error = result.Error;
            return;
        }

        await SignInManager.SignInAsync(result.User!, isPersistent: false);
        Navigation.NavigateTo(SafeReturnUrl.Default);
    }
}
