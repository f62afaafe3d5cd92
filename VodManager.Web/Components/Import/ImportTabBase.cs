using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using VodManager.Core.Accounts;
using VodManager.Core.Ingest;
using VodManager.Web.Accounts;
using VodManager.Web.Progress;

namespace VodManager.Web.Components.Import;

/// <summary>
/// A tab of the video import panel that starts an import job: the stream and kind it imports into, and the panel's
/// guard, so every tab refuses the same way and shows its refusal in the same place.
/// </summary>
public abstract class ImportTabBase : LifetimeComponentBase
{
    [Parameter, EditorRequired] public int StreamId { get; set; }

    [Parameter] public ImportedVideoKind Kind { get; set; }

    /// <summary>The panel's import guard: a refusal shows under the panel's tabs.</summary>
    [Parameter, EditorRequired] public ActionGuard Guard { get; set; } = default!;

    /// <summary>An attempt starts: the panel clears the last refusal.</summary>
    [Parameter] public EventCallback OnStart { get; set; }

    [Inject] protected ImportJobs Importer { get; set; } = default!;
    [Inject] protected IOptions<VideoImportOptions> Options { get; set; } = default!;
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Runs an editor's import attempt under the panel's guard.</summary>
    protected async Task StartAsync(Func<AccountAccess, Task> start)
    {
        await OnStart.InvokeAsync();
        await Guard.RunAsync(AccountRole.Editor, start, Lifetime);
    }
}
