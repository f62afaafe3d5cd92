using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using VodManager.Core.Accounts;
using VodManager.Core.Export;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Quota;
using VodManager.Core.Storage;
using VodManager.Core.Streams;
using VodManager.Web.Accounts;
using VodManager.Web.Components.Library;
using VodManager.Web.Progress;

namespace VodManager.Web.Components.Pages;

/// <summary>
/// The clips library: the account's stored clips, a page at a time, searchable and (from a stream's page) of one
/// stream, with where each came from, download, rename, export and delete (which frees quota).
/// </summary>
public sealed partial class Clips : LiveJobsComponentBase
{
    private const int PageSize = 25;

    private MudDataGrid<ClipEntry>? _grid;
    private string _search = "";
    private StreamSummary? _stream;
    private int? _shownStream;
    private int _total;
    private QuotaUsage? _usage;
    private Dictionary<int, string> _downloads = [];
    private ILookup<int, ExportEntry> _exports = Enumerable.Empty<ExportEntry>().ToLookup(e => e.ClipVodId);
    private ActionGuard? _guard;
    private long _readAt;
    private int? _focus;
    private bool _scrollToFocus;
    private bool _focusScrolledTo;

    /// <summary>Only this stream's clips (the stream page's clip count and clip links), or all.</summary>
    [SupplyParameterFromQuery(Name = "stream")] public int? StreamId { get; set; }

    [Inject] private ClipLibrary Library { get; set; } = default!;
    [Inject] private ExportLibrary ExportLibrary { get; set; } = default!;
    [Inject] private StreamCatalog Catalog { get; set; } = default!;
    [Inject] private IVodStorage Storage { get; set; } = default!;
    [Inject] private IOptions<StorageOptions> StorageOptions { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IScrollManager Scroll { get; set; } = default!;

    protected override Task OnAccountReadyAsync()
    {
        // A highlight's clip link names its clip (#clip-{id}): that row is marked and scrolled to once it is shown.
        var fragment = new Uri(Navigation.Uri).Fragment;
        _focus = fragment.StartsWith("#clip-", StringComparison.Ordinal) && int.TryParse(fragment["#clip-".Length..], out var id) ? id : null;
        return LoadHeaderAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_scrollToFocus)
        {
            (_scrollToFocus, _focusScrolledTo) = (false, true);
            await Scroll.ScrollIntoViewAsync($"#clip-{_focus}", ScrollBehavior.Auto);
        }
    }

    // Following a link from one stream's clips to all of them (or another stream's) keeps the component: read again.
    protected override async Task OnParametersSetAsync()
    {
        if (Access is not null && StreamId != _shownStream)
        {
            await ReloadAsync();
        }
    }

    // A finished cut anywhere in the account may have added a clip.
    protected override Task OnJobFinishedAsync(JobUpdate update) => ReloadAsync();

    /// <summary>
    /// Another editor deleted or renamed a clip or renamed its stream (this page's own changes have reloaded it); or an
    /// upload anywhere in the account started, completed or was dropped, which moves the space the bar shows reserved.
    /// </summary>
    protected override async Task OnStreamChangedAsync(StreamChange change)
    {
        if (change.Kind is StreamChangeKind.Clip or StreamChangeKind.Details && !Bus.PublishedHereBefore(change, _readAt))
        {
            await ReloadAsync();
        }
        else if (change.Kind == StreamChangeKind.Upload)
        {
            _usage = await Library.GetUsageAsync(AccountId, Lifetime);
        }
    }

    protected override Task OnLiveAgainAsync() => ReloadAsync();

    /// <summary>What the page shows above the grid: the stream the clips are of, and the quota bar.</summary>
    private async Task LoadHeaderAsync()
    {
        _shownStream = StreamId;
        _stream = StreamId is { } id ? await Catalog.GetAsync(AccountId, id, Lifetime) : null;
        _usage = await Library.GetUsageAsync(AccountId, Lifetime);
    }

    private async Task<GridData<ClipEntry>> LoadPageAsync(GridState<ClipEntry> state, CancellationToken cancellationToken)
    {
        _readAt = Time.GetTimestamp();
        // Another account's stream id shows nothing rather than every clip.
        var page = await Library.PageAsync(AccountId, new ClipQuery(_search, StreamId), state.Page * state.PageSize, state.PageSize, cancellationToken);
        var downloads = new Dictionary<int, string>();
        foreach (var clip in page.Items)
        {
            // Signing is local work (a data-protection token, or a SAS for Blob), and only this page's rows are signed.
            downloads[clip.VodId] = await BrowserMediaUrl.DownloadAsync(Storage, clip.StorageKey, DownloadName(clip), StorageOptions.Value.ReadUrlLifetime, cancellationToken);
        }

        var exports = await ExportLibrary.ByClipAsync(AccountId, [.. page.Items.Select(c => c.VodId)], cancellationToken);
        foreach (var clip in page.Items)
        {
            foreach (var export in exports[clip.VodId])
            {
                downloads[export.VodId] = await BrowserMediaUrl.DownloadAsync(Storage, export.StorageKey, ExportName(clip, export), StorageOptions.Value.ReadUrlLifetime, cancellationToken);
            }
        }

        (_downloads, _exports, _total) = (downloads, exports, page.Total);
        // Once: the grid reloads after every finished job in the account and every search, and scrolling to the row
        // each time would pull the page from under the editor.
        _scrollToFocus |= !_focusScrolledTo && page.Items.Any(c => c.VodId == _focus);
        StateHasChanged(); // the download button above the grid counts what the grid now shows
        return new GridData<ClipEntry> { Items = page.Items, TotalItems = page.Total };
    }

    // A search changes only which clips show: the stream above the grid and the quota bar stay as they were.
    private async Task SearchAsync(string? search)
    {
        _search = search ?? "";
        await ReloadGridAsync();
    }

    private async Task ReloadAsync()
    {
        await LoadHeaderAsync();
        await ReloadGridAsync();
    }

    private async Task ReloadGridAsync()
    {
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }

    private string RowClass(ClipEntry clip, int index) => clip.VodId == _focus ? "row-focused" : "";

    private ActionGuard Guard => _guard ??= ActionGuard.WithSnackbar(Account, Snackbar);

    private static string ExportName(ClipEntry clip, ExportEntry export) => Format.ExportFileName(clip.Title, export.Profile);

    private static string DownloadName(ClipEntry clip) => Format.FileName(clip.Title, Path.GetExtension(clip.StorageKey));

    private async Task RenameAsync(ClipEntry clip)
    {
        var dialog = await Dialogs.ShowAsync<RenameClipDialog>("Rename clip",
            new DialogParameters<RenameClipDialog> { { d => d.VodId, clip.VodId }, { d => d.Title, clip.Title } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: string title })
        {
            Snackbar.Add($"Renamed to \"{title}\"", Severity.Success);
            await ReloadAsync();
        }
    }

    private async Task DeleteAsync(ClipEntry clip)
    {
        var exports = _exports[clip.VodId].ToList();
        var withExports = ClipExports.AndTheirs(exports);
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
        await ReloadAsync();
    }
}
