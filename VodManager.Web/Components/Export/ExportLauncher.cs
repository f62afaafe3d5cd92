using MudBlazor;

namespace VodManager.Web.Components.Export;

/// <summary>Opens the export dialog for a clip; shared by the clips library and the highlight rows.</summary>
public static class ExportLauncher
{
    public static Task<IDialogReference> OpenAsync(IDialogService dialogs, int clipVodId, string? clipTitle) =>
        dialogs.ShowAsync<ExportDialog>("Export vertical",
            new DialogParameters<ExportDialog> { { d => d.ClipVodId, clipVodId }, { d => d.ClipTitle, clipTitle } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true });
}
