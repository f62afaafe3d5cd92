using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MudBlazor;
using VodManager.Core.Ingest;
using VodManager.Core.Ingest.Uploads;
using VodManager.Core.Ingest.Video;
using VodManager.Core.Jobs;
using VodManager.Core.Media;
using VodManager.Web.Accounts;
using VodManager.Web.Progress;

namespace VodManager.Web.Components.Import;

/// <summary>
/// Imports a stream's source video or a platform highlight: one tab per way in (<see cref="FileUpload"/> over the
/// panel's <see cref="VideoUploader"/>, <see cref="ServerFileImport"/>, <see cref="UrlImport"/>), the import jobs
/// followed live, and what is imported, with delete (<see cref="ImportedVideos"/>).
/// </summary>
public sealed partial class VideoImportPanel : LiveJobsComponentBase, IAsyncDisposable
{
    private static readonly string[] ImportKinds = [ImportVideoRequest.JobKind, ImportVideoUrlRequest.JobKind, IndexMediaRequest.JobKind];
    private ElementReference _fileInput;
    private IReadOnlyList<ImportedVideoRow> _videos = [];
    private IReadOnlyList<UnfinishedUpload> _unfinished = [];
    private VideoUploader? _uploader;
    private ActionGuard? _deleteGuard;
    private ActionGuard? _importGuard;
    private string? _jobError;
    private int _tab;
    private bool? _folded;

    /// <summary>The stream the videos are imported into.</summary>
    [Parameter, EditorRequired] public int StreamId { get; set; }

    /// <summary>Raised after a video was stored (by upload or job), so the page can show the new source.</summary>
    [Parameter] public EventCallback OnImported { get; set; }

    /// <summary>Start uploading as soon as a file is chosen (it was chosen already, in the new stream dialog).</summary>
    [Parameter] public bool StartWhenChosen { get; set; }

    /// <summary>Raised once the upload script listens to the file input, so a file handed over is not missed.</summary>
    [Parameter] public EventCallback OnReady { get; set; }

    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private IOptions<VideoImportOptions> Options { get; set; } = default!;
    [Inject] private VideoImportService Imports { get; set; } = default!;
    [Inject] private VideoUploadService Uploads { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private ActionGuard DeleteGuard => _deleteGuard ??= ActionGuard.WithSnackbar(Account, Snackbar);

    /// <summary>Server-file and URL imports: a refusal shows under the tabs, where the jobs' failures show too.</summary>
    private ActionGuard ImportGuard => _importGuard ??= new ActionGuard(Account, message =>
    {
        _jobError = message;
        StateHasChanged();
    });

    private VideoUploader Uploader => _uploader ??= new VideoUploader(
        new UploadState(Time, Options.Value.MaxVideoUploadBytes), StartWhenChosen, () => InvokeAsync(StateHasChanged), OnUploadedAsync, OnUploadStoppedAsync);

    /// <summary>The server's unfinished uploads but the one this panel holds (running, or stopped and resumable here).</summary>
    private IEnumerable<UnfinishedUpload> OtherUnfinished => Uploader.State is { File: { } file } state && (state.Uploading || state.Resumable)
        ? _unfinished.Where(u => u.FileName != file.Name || u.Length != file.Size)
        : _unfinished;

    /// <summary>
    /// Folded when the panel opened on a stream whose source is stored (until "Import another", or the source is
    /// deleted); never folded by a video arriving, so an upload's own outcome stays in view.
    /// </summary>
    private bool Folded => _folded == true && HasSource;

    private bool HasSource => _videos.Any(v => v.Kind == ImportedVideoKind.Archive);

    private ImportedVideoKind Kind => Uploader.PlatformHighlight ? ImportedVideoKind.PlatformHighlight : ImportedVideoKind.Archive;

    private IEnumerable<JobUpdate> ImportJobs => RecentJobs.Where(j => j.StreamId == StreamId && !j.IsFinished && ImportKinds.Contains(j.Kind));

    protected override async Task OnAccountReadyAsync() => await LoadVideosAsync();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        await Uploader.AttachAsync(JS, _fileInput, StreamId);
        StateHasChanged();
        await OnReady.InvokeAsync();
    }

    protected override async Task OnJobFinishedAsync(JobUpdate update)
    {
        if (update.StreamId != StreamId || !ImportKinds.Contains(update.Kind))
        {
            return;
        }

        if (update.Status == JobStatus.Failed && update.Kind != IndexMediaRequest.JobKind)
        {
            _jobError = update.Error;
        }

        await LoadVideosAsync();
        if (update.Status == JobStatus.Succeeded && update.Kind != IndexMediaRequest.JobKind)
        {
            await OnImported.InvokeAsync();
        }
    }

    /// <summary>An upload of this stream moved on, completed or went, sent from any browser: the unfinished list follows it.</summary>
    protected override async Task OnStreamChangedAsync(StreamChange change)
    {
        if (change.StreamId == StreamId && change.Kind == StreamChangeKind.Upload)
        {
            await LoadUnfinishedAsync();
        }
    }

    private async Task OnUploadedAsync()
    {
        await LoadVideosAsync();
        StateHasChanged();
        await OnImported.InvokeAsync();
    }

    private async Task OnUploadStoppedAsync()
    {
        await LoadUnfinishedAsync();
        StateHasChanged();
    }

    private async Task OnDeletedAsync()
    {
        await LoadVideosAsync();
        await OnImported.InvokeAsync();
    }

    private async Task LoadVideosAsync()
    {
        _videos = await Imports.ListImportedAsync(AccountId, StreamId, Lifetime);
        _folded ??= !StartWhenChosen && HasSource;
        await LoadUnfinishedAsync();
    }

    private async Task LoadUnfinishedAsync() => _unfinished = await Uploads.ListUnfinishedAsync(AccountId, StreamId, Lifetime);

    public async ValueTask DisposeAsync()
    {
        Dispose();
        if (_uploader is not null)
        {
            // The upload goes on in the tab (the script keeps the file); the next panel for the stream shows it.
            if (_uploader.State is { Uploading: true, File: { } file })
            {
                Snackbar.Add($"'{file.Name}' keeps uploading while this tab stays open; the streams list and the stream's page show its progress.", Severity.Info);
            }

            await _uploader.DisposeAsync();
        }
    }
}
