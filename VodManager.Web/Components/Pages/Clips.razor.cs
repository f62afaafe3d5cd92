using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using VodManager.Core.Data.Entities;
using VodManager.Core.Export;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Quota;
using VodManager.Core.Storage;
using VodManager.Web.Accounts;
using VodManager.Web.Progress;

namespace VodManager.Web.Components.Pages;

/// <summary>The clips library: every stored clip with where it came from, download, and delete (which frees quota).</summary>
public sealed partial class Clips : LiveJobsComponentBase
{
    private IReadOnlyList<ClipEntry>? _clips;
    private QuotaUsage? _usage;
    private Dictionary<int, string> _downloads = [];
    private ILookup<int, ExportEntry> _exports = Enumerable.Empty<ExportEntry>().ToLookup(e => e.ClipVodId);
    private bool _busy;

    [Inject] private ClipLibrary Library { get; set; } = default!;
    [Inject] private ExportLibrary ExportLibrary { get; set; } = default!;
    [Inject] private IVodStorage Storage { get; set; } = default!;
    [Inject] private IOptions<StorageOptions> StorageOptions { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    protected override Task OnAccountReadyAsync() => LoadAsync();

    // A finished cut anywhere in the account may have added a clip.
    protected override Task OnJobFinishedAsync(JobUpdate update) => LoadAsync();

    private async Task LoadAsync()
    {
        var clips = await Library.ListAsync(AccountId, CancellationToken.None);
        var downloads = new Dictionary<int, string>();
        foreach (var clip in clips)
        {
            // Signing is local work (an HMAC, or a SAS for Blob): cheap enough to do for every row up front.
            downloads[clip.VodId] = await BrowserMediaUrl.GetAsync(Storage, clip.StorageKey, StorageOptions.Value.ReadUrlLifetime, CancellationToken.None);
        }

        var exports = await ExportLibrary.ByClipAsync(AccountId, CancellationToken.None);
        foreach (var export in exports.SelectMany(g => g))
        {
            downloads[export.VodId] = (await Storage.GetReadUrlAsync(export.StorageKey, StorageOptions.Value.ReadUrlLifetime, CancellationToken.None)).ToString();
        }

        (_clips, _downloads, _exports) = (clips, downloads, exports);
        _usage = await Library.GetUsageAsync(AccountId, CancellationToken.None);
    }

    private static string ExportName(ClipEntry clip, ExportEntry export) => Path.GetFileNameWithoutExtension(DownloadName(clip)) + $" ({export.Profile}).mp4";

    private static string DownloadName(ClipEntry clip) => string.Concat(clip.Title.Split(Path.GetInvalidFileNameChars())) + Path.GetExtension(clip.StorageKey);

    private async Task DeleteAsync(ClipEntry clip)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Delete clip?",
            $"\"{clip.Title}\" ({VodManager.Core.ByteSize.Format(clip.SizeBytes)}) will be deleted and its space freed. The highlight stays and can be cut again.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        try
        {
            var access = await Account.RequireAsync(AccountRole.Editor, CancellationToken.None);
            await Library.DeleteAsync(access.AccountId, clip.VodId, access.Actor, CancellationToken.None);
            Snackbar.Add($"Deleted \"{clip.Title}\", freed {VodManager.Core.ByteSize.Format(clip.SizeBytes)}", Severity.Success);
        }
        catch (Exception e) when (e is VodInUseException or KeyNotFoundException or AccountAccessException)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
        finally
        {
            _busy = false;
        }

        await LoadAsync();
    }
}
