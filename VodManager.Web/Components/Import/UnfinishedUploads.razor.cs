using Microsoft.AspNetCore.Components;
using MudBlazor;
using VodManager.Core;
using VodManager.Core.Accounts;
using VodManager.Core.Ingest.Uploads;
using VodManager.Web.Accounts;
using VodManager.Web.Progress;

namespace VodManager.Web.Components.Import;

/// <summary>
/// The stream's uploads not finished (a closed tab, a dead connection, another computer or tab still sending): how far
/// each got and when it last moved, what it holds of the account's space and until when, with discard.
/// </summary>
public sealed partial class UnfinishedUploads : LifetimeComponentBase
{
    [Parameter, EditorRequired] public IReadOnlyList<UnfinishedUpload> Uploads { get; set; } = [];

    /// <summary>The panel's guard: a refusal shows as a snackbar.</summary>
    [Parameter, EditorRequired] public ActionGuard Guard { get; set; } = default!;

    /// <summary>A discard was tried: the panel reloads the list.</summary>
    [Parameter] public EventCallback OnDiscarded { get; set; }

    [Inject] private VideoUploadService Service { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private UploadIdleWatch? _idleWatch;

    private UploadIdleWatch IdleWatch => _idleWatch ??= new UploadIdleWatch(Time, () => _ = InvokeAsync(StateHasChanged), Lifetime);

    /// <summary>One still being sent elsewhere reads as stopped once no piece came for Import:UploadIdleAfter.</summary>
    protected override void OnParametersSet() => IdleWatch.Watch(Uploads);

    private async Task DiscardAsync(UnfinishedUpload upload)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Discard the upload?",
            $"The {ByteSize.Format(upload.Offset)} of \"{upload.FileName}\" sent so far are dropped, and the {ByteSize.Format(upload.Length)} reserved for it return to the account.",
            yesText: "Discard", cancelText: "Keep");
        if (confirmed != true)
        {
            return;
        }

        await Guard.RunAsync(AccountRole.Editor, async access =>
        {
            await Service.CancelAsync(access.AccountId, upload.Id, Lifetime);
            Snackbar.Add($"Discarded the upload of \"{upload.FileName}\"", Severity.Success);
        }, Lifetime);
        await OnDiscarded.InvokeAsync();
    }
}
