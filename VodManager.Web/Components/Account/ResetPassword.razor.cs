using Microsoft.AspNetCore.Components;
using VodManager.Core.Accounts;

namespace VodManager.Web.Components.Account;

/// <summary>
/// A forgotten password set again from the one-time link the operator made (<see cref="PasswordResets"/>). Rendered
/// statically; the form posts back to the link's own address, email and token included.
/// </summary>
public sealed partial class ResetPassword
{
    private string? _error;
    private bool _done;

    [Inject] private PasswordResets Resets { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "reset")] private ChangePasswordForm? Input { get; set; }

    [SupplyParameterFromQuery] private string? Email { get; set; }

    [SupplyParameterFromQuery] private string? Token { get; set; }

    private bool Complete => !string.IsNullOrWhiteSpace(Email) && !string.IsNullOrEmpty(Token);

    protected override void OnInitialized() => Input ??= new ChangePasswordForm();

    private async Task ResetAsync()
    {
        _error = Input!.Mismatch ?? await Resets.ResetAsync(Email!, Token!, Input.New);
        _done = _error is null;
    }
}
