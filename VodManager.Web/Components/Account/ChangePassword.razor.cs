using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using VodManager.Core;
using VodManager.Core.Accounts;

namespace VodManager.Web.Components.Account;

/// <summary>The signed-in user's new password, after the current one. Rendered statically: it answers a form post with the re-issued cookie.</summary>
public sealed partial class ChangePassword
{
    private string? _error;
    private bool _changed;

    [Inject] private AccountSessions Sessions { get; set; } = default!;
    [Inject] private IOptions<AccountsOptions> Accounts { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "password")] private ChangePasswordForm? Input { get; set; }

    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;

    /// <summary>How soon other browsers' sign-ins end (Accounts:SessionCheckInterval).</summary>
    private string CheckWithin => Strings.Span(Accounts.Value.SessionCheckInterval);

    protected override void OnInitialized() => Input ??= new ChangePasswordForm();

    private async Task ChangeAsync()
    {
        _error = Input!.Mismatch ?? await Sessions.ChangePasswordAsync(HttpContext.User, Input.Current, Input.New);
        _changed = _error is null;
    }
}
