using Microsoft.AspNetCore.Components;
using MudBlazor;
using VodManager.Core.Accounts;
using VodManager.Core.Refinement;
using VodManager.Web.Accounts;
using VodManager.Web.Progress;

namespace VodManager.Web.Components.Pages;

/// <summary>
/// An owner's page: the account's name, and how it refines its highlights (backend, after each detection or not, its
/// caps). Saving checks again that the user is still an owner; the server's ceilings and missing keys are refused with
/// their reason.
/// </summary>
public sealed partial class AccountSettings : LifetimeComponentBase
{
    // A radio group needs a value for "none"; the account stores null.
    private const string NoBackend = "";

    private AccountAccess? _access;
    private RefinementSettings? _saved;
    private string _backend = NoBackend;
    private bool _autoRefine;
    private int _perRun;
    private int _perDay;
    private string _name = "";
    private ActionGuard? _guard;

    [Inject] private CurrentAccount Account { get; set; } = default!;
    [Inject] private AccountRefinementSettings Settings { get; set; } = default!;
    [Inject] private AccountNames Names { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private ActionGuard Guard => _guard ??= ActionGuard.WithSnackbar(Account, Snackbar);

    private RefinementSettings Edited => new(_backend == NoBackend ? null : _backend, _autoRefine, _perRun, _perDay);

    private bool Changed => Edited != _saved;

    private string? NameProblem => AccountNames.Problem(_name);

    protected override async Task OnInitializedAsync()
    {
        _access = await Account.FindAsync(Lifetime);
        if (_access is { IsOwner: true })
        {
            _name = _access.AccountName;
            Show(await Settings.GetAsync(_access.AccountId, Lifetime));
        }
    }

    private void Show(RefinementSettings settings)
    {
        _saved = settings;
        (_backend, _autoRefine, _perRun, _perDay) = (settings.Backend ?? NoBackend, settings.AutoRefine, settings.PerRun, settings.PerDay);
    }

    private Task SaveAsync() => Guard.RunAsync(AccountRole.Owner, async access =>
    {
        Show(await Settings.SetAsync(access.AccountId, Edited, Lifetime));
        Snackbar.Add(_saved!.Backend is { } backend ? $"Refinement: {backend}, {(_saved.AutoRefine ? "after each detection" : "when asked")}" : "Refinement is off", Severity.Success);
    }, Lifetime);

    private Task RenameAsync() => Guard.RunAsync(AccountRole.Owner, async access =>
    {
        _name = await Names.RenameAsync(access.AccountId, _name, Lifetime);
        _access = access with { AccountName = _name };
        Snackbar.Add($"The account is now called {_name}", Severity.Success);
        await Account.OnDetailsChangedAsync();
    }, Lifetime);
}
