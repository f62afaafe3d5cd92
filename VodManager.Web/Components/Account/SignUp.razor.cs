using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using VodManager.Core.Accounts;

namespace VodManager.Web.Components.Account;

/// <summary>Creates a user and a new account they own, then signs them in. Rendered statically, like sign-in.</summary>
public sealed partial class SignUp
{
    private string? _error;

    [Inject] private AccountSessions Sessions { get; set; } = default!;
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

        _error = await Sessions.SignUpAsync(Input!.Email, Input.Password, Input.AccountName, HttpContext.RequestAborted);
        if (_error is not null)
        {
            return;
        }

        Navigation.NavigateTo(SafeReturnUrl.Default);
    }
}
