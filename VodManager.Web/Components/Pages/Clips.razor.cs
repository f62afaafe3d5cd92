using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using VodManager.Core.Accounts;
using VodManager.Core.Export;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Quota;
using VodManager.Core.Storage;
using VodManager.Web.Accounts;
using VodManager.Web.Components.Library;
using VodManager.Web.Progress;

namespace VodManager.Web.Components.Pages;

/// <summary>The clips library: every stored clip with where it came from, download, and delete (which frees quota).</summary>
public sealed partial class Clips : LiveJobsComponentBase
{
    private IReadOnlyList<ClipEntry>? _clips;
    private QuotaUsage? _usage;
    private Dictionary<int, string> _downloads = [];
    private ILookup<int, ExportEntry> _exports = Enumerable.Empty<ExportEntry>().ToLookup(e => e.ClipVodId);
    private ActionGuard? _guard;
    private long _readAt;

    [Inject] private ClipLibrary Library { get; set; } = default!;
    [Inject] private ExportLibrary ExportLibrary { get; set; } = default!;
    [Inject] private IVodStorage Storage { get; set; } = default!;
    [Inject] private IOptions<StorageOptions> StorageOptions { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    protected override Task OnAccountReadyAsync() => LoadAsync();

    // A finished cut anywhere in the account may have added a clip.
    protected override Task OnJobFinishedAsync(JobUpdate update) => LoadAsync();

    /// <summary>Another editor deleted a clip or renamed its stream (this page's own deletion has reloaded it).</summary>
    protected override Task OnStreamChangedAsync(StreamChange change) =>
        change.Kind is StreamChangeKind.Clip or StreamChangeKind.Details && !Bus.PublishedHereBefore(change, _readAt) ? LoadAsync() : Task.CompletedTask;

    protected override Task OnLiveAgainAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _readAt = Time.GetTimestamp();
        var clips = await Library.ListAsync(AccountId, Lifetime);
        var downloads = new Dictionary<int, string>();
        foreach (var clip in clips)
        {
            // Signing is local work (a data-protection token, or a SAS for Blob): cheap enough to do for every row up front.
            downloads[clip.VodId] = await BrowserMediaUrl.GetAsync(Storage, clip.StorageKey, StorageOptions.Value.ReadUrlLifetime, Lifetime);
        }

        var exports = await ExportLibrary.ByClipAsync(AccountId, Lifetime);
        foreach (var export in exports.SelectMany(g => g))
        {
            downloads[export.VodId] = (await Storage.GetReadUrlAsync(export.StorageKey, StorageOptions.Value.ReadUrlLifetime, Lifetime)).ToString();
        }

        (_clips, _downloads, _exports) = (clips, downloads, exports);
        _usage = await Library.GetUsageAsync(AccountId, Lifetime);
    }

    private ActionGuard Guard => _guard ??= ActionGuard.WithSnackbar(Account, Snackbar);

    private static string ExportName(ClipEntry clip, ExportEntry export) => Format.FileName(clip.Title, $" ({export.Profile}).mp4");

    private static string DownloadName(ClipEntry clip) => Format.FileName(clip.Title, Path.GetExtension(clip.StorageKey));

    private async Task RenameAsync(ClipEntry clip)
    {
        var dialog = await Dialogs.ShowAsync<RenameClipDialog>("Rename clip",
            new DialogParameters<RenameClipDialog> { { d => d.VodId, clip.VodId }, { d => d.Title, clip.Title } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: string title })
        {
            Snackbar.Add($"Renamed to \"{title}\"", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task DeleteAsync(ClipEntry clip)
    {
        var exports = _exports[clip.VodId].ToList();
        var withExports = exports.Count == 0
            ? ""
            : $" and its {(exports.Count == 1 ? "export" : $"{exports.Count} exports")} ({VodManager.Core.ByteSize.Format(exports.Sum(e => e.SizeBytes))})";
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Delete clip?",
            $"\"{clip.Title}\" ({VodManager.Core.ByteSize.Format(clip.SizeBytes)}){withExports} will be deleted and {(exports.Count == 0 ? "its" : "their")} space freed. The highlight stays and can be cut again.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        await Guard.RunAsync(AccountRole.Editor, async access =>
        {
            await Library.DeleteAsync(access.AccountId, clip.VodId, access.Actor, Lifetime);
            Snackbar.Add($"Deleted \"{clip.Title}\"{withExports}, freed {VodManager.Core.ByteSize.Format(clip.SizeBytes + exports.Sum(e => e.SizeBytes))}", Severity.Success);
        }, Lifetime);
        await LoadAsync();
    }
}
