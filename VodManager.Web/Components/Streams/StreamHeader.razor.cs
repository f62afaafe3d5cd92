using Microsoft.AspNetCore.Components;
using MudBlazor;
using VodManager.Core;
using VodManager.Core.Accounts;
using VodManager.Core.Detection;
using VodManager.Core.Streams;
using VodManager.Web.Accounts;
using VodManager.Web.Progress;

namespace VodManager.Web.Components.Streams;

/// <summary>
/// The stream page's head: where the stream sits, what it has, and the stream's own actions (detect, edit, delete)
/// for editors. Actions go through the page's guard, so the page runs one action at a time whichever part started it.
/// </summary>
public sealed partial class StreamHeader : LifetimeComponentBase
{

    [Parameter, EditorRequired] public StreamSummary Stream { get; set; } = default!;

    /// <summary>The page's guard: one action at a time, the role read again, refusals shown where the page shows them.</summary>
    [Parameter, EditorRequired] public ActionGuard Guard { get; set; } = default!;

    [Parameter] public bool CanEdit { get; set; }

    /// <summary>A detection of this stream is running (one at a time per stream).</summary>
    [Parameter] public bool Detecting { get; set; }

    /// <summary>The stream or its highlights changed here (a detection started, the stream was edited): the page reloads.</summary>
    [Parameter] public EventCallback OnChanged { get; set; }

    [Inject] private DetectionJobs Detection { get; set; } = default!;
    [Inject] private StreamManager Streams { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private List<BreadcrumbItem> Crumbs => [new BreadcrumbItem("Streams", "/streams"), new BreadcrumbItem(Stream.Channel, null, disabled: true)];

    private bool CanDetect => Stream.ChatImported || Stream.EventsImported || Stream.TranscriptImported || Stream.SourceVodId is not null;

    /// <summary>Detects the stream's highlights; a re-detection asks first, since it replaces what no editor worked on and it does not find again.</summary>
    private async Task DetectAsync()
    {
        if (Stream.DetectedAt is not null)
        {
            var confirmed = await Dialogs.ShowMessageBoxAsync(
                "Re-detect highlights?",
                "Highlights with a clip, a trim or a dismissal are kept, and so is one found again at the same bounds, with its refinement; the others are replaced by a fresh detection.",
                yesText: "Re-detect", cancelText: "Cancel");
            if (confirmed != true)
            {
                return;
            }
        }

        await Guard.RunAsync(AccountRole.Editor, async access =>
        {
            await Detection.DetectAsync(access.AccountId, Stream.Id, access.Actor, Lifetime);
            Snackbar.Add("Detecting highlights", Severity.Info);
        }, Lifetime);
        await OnChanged.InvokeAsync();
    }

    private async Task EditAsync()
    {
        var dialog = await Dialogs.ShowAsync<EditStreamDialog>("Edit stream", new DialogParameters<EditStreamDialog> { { d => d.Stream, Stream } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true });
        if (await dialog.Result is { Canceled: false })
        {
            await OnChanged.InvokeAsync();
            Snackbar.Add("Stream saved", Severity.Success);
        }
    }

    /// <summary>Says what goes and how much space returns, asks, then deletes the stream with everything it owns.</summary>
    private Task DeleteAsync() => Guard.RunAsync(AccountRole.Editor, async access =>
    {
        var what = await Streams.DescribeDeletionAsync(access.AccountId, Stream.Id, Lifetime);
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Delete this stream?",
            $"\"{what.Title}\" goes for good, with {what.Describe()}. {ByteSize.Format(what.Bytes)} of space returns to the account.",
            yesText: "Delete stream", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        var deleted = await Streams.DeleteAsync(access.AccountId, Stream.Id, Lifetime);
        Snackbar.Add($"Deleted \"{deleted.Title}\"; {ByteSize.Format(deleted.Bytes)} freed", Severity.Success);
        Navigation.NavigateTo("/streams");
    }, Lifetime);
}
