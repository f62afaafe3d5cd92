using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MudBlazor;
using VodManager.Core;
using VodManager.Core.Ingest;
using VodManager.Core.Ingest.Video;
using VodManager.Core.Jobs;
using VodManager.Core.Media;
using VodManager.Web.Accounts;
using VodManager.Web.Progress;

namespace VodManager.Web.Components.Import;

/// <summary>
/// Imports a stream's source video or a platform highlight. Uploads run in the browser (the colocated script sends
/// the file in chunks to the upload endpoints and reports back), so the circuit never carries the bytes; server paths
/// and URLs start import jobs, followed live. Lists what is imported, with delete.
/// </summary>
public sealed partial class VideoImportPanel : LiveJobsComponentBase, IAsyncDisposable
{
    private static readonly string[] ImportKinds = [ImportVideoRequest.JobKind, ImportVideoUrlRequest.JobKind, IndexMediaRequest.JobKind];
    private ElementReference _fileInput;
    private IJSObjectReference? _module;
    private IJSObjectReference? _uploader;
    private DotNetObjectReference<VideoImportPanel>? _self;
    private IReadOnlyList<ImportedVideoRow> _videos = [];
    private bool _ready;
    private bool _platformHighlight;
    private UploadState? _upload;
    private ActionGuard? _deleteGuard;
    private ActionGuard? _importGuard;
    private string? _jobError;
    private int _tab;

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
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private ActionGuard DeleteGuard => _deleteGuard ??= new ActionGuard(Account, message => Snackbar.Add(message, Severity.Error));

    /// <summary>Server-file and URL imports: a refusal shows under the tabs, where the jobs' failures show too.</summary>
    private ActionGuard ImportGuard => _importGuard ??= new ActionGuard(Account, message =>
    {
        _jobError = message;
        StateHasChanged();
    });

    private UploadState Upload => _upload ??= new UploadState(Time, Options.Value.MaxVideoUploadBytes);

    private IEnumerable<JobUpdate> ImportJobs => RecentJobs.Where(j => j.StreamId == StreamId && !j.IsFinished && ImportKinds.Contains(j.Kind));

    protected override async Task OnAccountReadyAsync() => await LoadVideosAsync();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Import/VideoImportPanel.razor.js");
        _self = DotNetObjectReference.Create(this);
        _uploader = await _module.InvokeAsync<IJSObjectReference>("create", _fileInput, _self, StreamId);
        _ready = true;
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

    private async Task PickAsync()
    {
        if (_uploader is not null)
        {
            await _uploader.InvokeVoidAsync("pick");
        }
    }

    private async Task StartAsync()
    {
        if (_uploader is null || Upload.File is null)
        {
            return;
        }

        Upload.Start();
        // The script runs the whole upload on its own; this call returns at once (an interop call may not last minutes).
        await _uploader.InvokeVoidAsync("start", _platformHighlight);
    }

    private async Task CancelAsync()
    {
        if (_uploader is not null)
        {
            await _uploader.InvokeVoidAsync("cancel");
        }
    }

    [JSInvokable]
    public Task OnFileChosen(string name, long size, long resumeFrom)
    {
        var fits = Upload.Choose(name, size, resumeFrom);
        StateHasChanged();
        return StartWhenChosen && fits ? StartAsync() : Task.CompletedTask;
    }

    [JSInvokable]
    public Task OnUploadProgress(long sent, long total)
    {
        Upload.Progress(sent);
        StateHasChanged();
        return Task.CompletedTask;
    }

    [JSInvokable]
    public Task OnUploadRetrying(int attempt, int attempts)
    {
        Upload.Retrying(attempt, attempts);
        StateHasChanged();
        return Task.CompletedTask;
    }

    [JSInvokable]
    public async Task OnUploadCompleted(int vodId, bool alreadyImported)
    {
        Upload.Completed(alreadyImported, _platformHighlight);
        await LoadVideosAsync();
        StateHasChanged();
        await OnImported.InvokeAsync();
    }

    [JSInvokable]
    public Task OnUploadFailed(string message, bool resumable)
    {
        Upload.Failed(message, resumable);
        StateHasChanged();
        return Task.CompletedTask;
    }

    [JSInvokable]
    public Task OnUploadCancelled()
    {
        Upload.Cancelled();
        Snackbar.Add("Upload cancelled; nothing was kept.", Severity.Info);
        StateHasChanged();
        return Task.CompletedTask;
    }

    private ImportedVideoKind Kind => _platformHighlight ? ImportedVideoKind.PlatformHighlight : ImportedVideoKind.Archive;

    private async Task OnDeletedAsync()
    {
        await LoadVideosAsync();
        await OnImported.InvokeAsync();
    }

    private async Task LoadVideosAsync() => _videos = await Imports.ListImportedAsync(AccountId, StreamId, Lifetime);

    public async ValueTask DisposeAsync()
    {
        Dispose();
        try
        {
            if (_uploader is not null)
            {
                await _uploader.InvokeVoidAsync("dispose");
                await _uploader.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone with the page; the browser dropped the script with it.
        }

        _self?.Dispose();
    }
}
