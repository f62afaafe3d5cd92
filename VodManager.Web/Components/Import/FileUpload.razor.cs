using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using VodManager.Core.Ingest;

namespace VodManager.Web.Components.Import;

/// <summary>
/// The video import panel's "Upload" tab: shows the panel's <see cref="VideoUploader"/> (choose, progress, resume,
/// cancel). It holds nothing itself, so leaving the tab never stops an upload.
/// </summary>
public sealed partial class FileUpload
{
    [Parameter, EditorRequired] public VideoUploader Uploader { get; set; } = default!;

    [Inject] private IOptions<VideoImportOptions> Options { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private UploadState Upload => Uploader.State;

    private async Task CancelAsync()
    {
        await Uploader.CancelAsync();
        Snackbar.Add("Upload cancelled; nothing was kept.", Severity.Info);
    }
}
