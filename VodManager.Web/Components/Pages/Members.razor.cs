using Microsoft.AspNetCore.Components;
using MudBlazor;
using VodManager.Core.Accounts;
using VodManager.Web.Accounts;
using VodManager.Web.Progress;

namespace VodManager.Web.Components.Pages;

/// <summary>
/// An owner's page: who belongs to the account, with which role, and the invitations not yet answered. Each change
/// checks again that the user is still an owner.
/// </summary>
public sealed partial class Members : LifetimeComponentBase
{
    private static readonly AccountRole[] Roles = [AccountRole.Viewer, AccountRole.Editor, AccountRole.Owner];
    private AccountAccess? _access;
    private IReadOnlyList<MemberEntry>? _members;
    private IReadOnlyList<Invitation>? _invitations;
    private string? _email;
    private AccountRole _role = AccountRole.Editor;
    private ActionGuard? _guard;

    [Inject] private CurrentAccount Account { get; set; } = default!;
    [Inject] private AccountMembers AccountMembers { get; set; } = default!;
    [Inject] private AccountInvitations Invitations { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private ActionGuard Guard => _guard ??= ActionGuard.WithSnackbar(Account, Snackbar);

    private static string Name(AccountRole role) => role.ToString().ToLowerInvariant();

    protected override async Task OnInitializedAsync()
    {
        _access = await Account.FindAsync(Lifetime);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var owner = _access is { IsOwner: true };
        _members = owner ? await AccountMembers.ListAsync(_access!.AccountId, Lifetime) : [];
        _invitations = owner ? await Invitations.ForAccountAsync(_access!.AccountId, Lifetime) : [];
    }

    private Task InviteAsync() => RunAsync(async access =>
    {
        Snackbar.Add(await Invitations.InviteAsync(access.AccountId, _email ?? "", _role, access.Actor, Lifetime), Severity.Success);
        _email = null;
    });

    private Task WithdrawAsync(Invitation invitation) => RunAsync(async access =>
    {
        await Invitations.WithdrawAsync(access.AccountId, invitation.Id, Lifetime);
        Snackbar.Add($"Withdrew the invitation of {invitation.Email}", Severity.Info);
    });

    private Task SetRoleAsync(MemberEntry member, AccountRole role) => RunAsync(async access =>
    {
        await AccountMembers.SetRoleAsync(access.AccountId, member.UserId, role, Lifetime);
        Snackbar.Add($"{member.Email} is now {Name(role)}", Severity.Success);
    });

    private async Task RemoveAsync(MemberEntry member)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Remove member?", $"{member.Email} loses access to this account at once, including pages they have open.", yesText: "Remove", cancelText: "Cancel");
        if (confirmed == true)
        {
            await RunAsync(async access =>
            {
                await AccountMembers.RemoveAsync(access.AccountId, member.UserId, Lifetime);
                Snackbar.Add($"Removed {member.Email}", Severity.Info);
            });
        }
    }

    private async Task RunAsync(Func<AccountAccess, Task> change)
    {
        await Guard.RunAsync(AccountRole.Owner, change, Lifetime);
        await LoadAsync();
    }
}
