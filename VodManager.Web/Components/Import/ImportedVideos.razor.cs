using Microsoft.AspNetCore.Components;
using MudBlazor;
using VodManager.Core;
using VodManager.Core.Accounts;
using VodManager.Core.Ingest;
using VodManager.Core.Library;
using VodManager.Web.Accounts;
using VodManager.Web.Progress;

namespace VodManager.Web.Components.Import;

/// <summary>The stream's imported videos (its source and platform highlights), each with delete.</summary>
public sealed partial class ImportedVideos : LifetimeComponentBase
{

    [Parameter, EditorRequired] public IReadOnlyList<ImportedVideoRow> Videos { get; set; } = [];

    /// <summary>The panel's guard for deletes: a refusal shows as a snackbar.</summary>
    [Parameter, EditorRequired] public ActionGuard Guard { get; set; } = default!;

    /// <summary>A delete was tried: the panel reloads the list and the page its source.</summary>
    [Parameter] public EventCallback OnDeleted { get; set; }

    [Inject] private ClipLibrary Library { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private async Task DeleteAsync(ImportedVideoRow vod)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Delete video?",
            vod.BrowserCopyBytes is { } copy
                ? $"\"{vod.Title}\" ({ByteSize.Format(vod.SizeBytes)}) and its browser copy ({ByteSize.Format(copy)}) will be deleted and their space freed."
                : $"\"{vod.Title}\" ({ByteSize.Format(vod.SizeBytes)}) will be deleted and its space freed.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        await Guard.RunAsync(AccountRole.Editor, async access =>
        {
            await Library.DeleteAsync(access.AccountId, vod.Id, access.Actor, Lifetime);
            Snackbar.Add($"Deleted \"{vod.Title}\"", Severity.Success);
        }, Lifetime);
        await OnDeleted.InvokeAsync();
    }
}
