using MudBlazor;
using VodManager.Core;
using VodManager.Core.Accounts;

namespace VodManager.Web.Accounts;

/// <summary>
/// The one guard around a user's action on a page: one action at a time, the role read again now (whatever the page
/// showed: a removed member or a lowered role is refused at once), and a refusal (<see cref="UserFacingException"/>)
/// shown as its message where the page shows refusals; any other failure is a bug and goes on to the error UI.
/// </summary>
public sealed class ActionGuard(CurrentAccount account, Action<string> showRefusal)
{
    /// <summary>A guard for a page that shows refusals as an error snackbar.</summary>
    public static ActionGuard WithSnackbar(CurrentAccount account, ISnackbar snackbar) =>
        new(account, message => snackbar.Add(message, Severity.Error));

    /// <summary>True while an action runs; pages disable their actions meanwhile.</summary>
    public bool Busy { get; private set; }

    /// <param name="onRefused">Undoes what the page showed early; runs on a refusal and on any failure.</param>
    /// <returns>True when the action ran to its end; false when it was refused or another action was running.</returns>
    public async Task<bool> RunAsync(AccountRole role, Func<AccountAccess, Task> action, CancellationToken cancellationToken, Action? onRefused = null)
    {
        if (Busy)
        {
            return false;
        }

        Busy = true;
        try
        {
            await action(await account.RequireAsync(role, cancellationToken));
            return true;
        }
        catch (UserFacingException e)
        {
            onRefused?.Invoke();
            showRefusal(e.Message);
            return false;
        }
        catch
        {
            onRefused?.Invoke();
            throw;
        }
        finally
        {
            Busy = false;
        }
    }
}
