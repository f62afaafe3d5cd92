using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MudBlazor;
using VodManager.Core;
using VodManager.Core.Data.Entities;
using VodManager.Core.Ingest;
using VodManager.Core.Ingest.Video;
using VodManager.Core.Jobs;
using VodManager.Core.Media;
using VodManager.Core.Library;
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
    private IReadOnlyList<Vod> _videos = [];
    private ChosenFile? _file;
    private bool _ready;
    private bool _platformHighlight;
    private bool _uploading;
    private bool _resumable;
    private long _sent;
    private long _sentAtStart;
    private long _startedAt;
    private ActionGuard? _guard;
    private string? _error;
    private string? _retrying;
    private string? _done;
    private string? _jobError;
    private string? _path;
    private string? _url;
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
    [Inject] private ImportPathGuard PathGuard { get; set; } = default!;
    [Inject] private DataPaths Paths { get; set; } = default!;
    [Inject] private ImportJobs Importer { get; set; } = default!;
    [Inject] private ClipLibrary Library { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private sealed record ChosenFile(string Name, long Size, long ResumeFrom);

    private ActionGuard Guard => _guard ??= new ActionGuard(Account, message => Snackbar.Add(message, Severity.Error));

    private bool TooLarge => _file is { } f && f.Size > Options.Value.MaxUploadBytes;

    private double Percent => _file is { Size: > 0 } f ? Math.Min(100, 100.0 * _sent / f.Size) : 0;

    private IEnumerable<JobUpdate> ImportJobs => RecentJobs.Where(j => j.StreamId == StreamId && !j.IsFinished && ImportKinds.Contains(j.Kind));

    private string RootsHelp => Options.Value.Roots.Count == 0
        ? "Server paths are off (Import:Roots is empty)."
        : $"A file under {string.Join(", ", Options.Value.Roots.Select(r => Path.GetFullPath(r, Paths.Root)))}.";

    private string UploadStatus
    {
        get
        {
            var total = _file?.Size ?? 0;
            if (_uploading && _sent >= total)
            {
                return "All bytes sent; checking the video…";
            }

            var text = $"{ByteSize.Format(_sent)} of {ByteSize.Format(total)}";
            if (_uploading && _retrying is not null)
            {
                return $"{text} · {_retrying}";
            }

            var seconds = Time.GetElapsedTime(_startedAt).TotalSeconds;
            var rate = seconds > 0.5 ? (_sent - _sentAtStart) / seconds : 0;
            return _uploading && rate > 0
                ? $"{text} · {ByteSize.Format((long)rate)}/s · about {Format.Clock((total - _sent) / rate)} left"
                : text;
        }
    }

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
        if (_uploader is null || _file is null)
        {
            return;
        }

        _uploading = true;
        _error = null;
        _retrying = null;
        _resumable = false;
        _startedAt = Time.GetTimestamp();
        _sentAtStart = Math.Max(_sent, _file.ResumeFrom);
        _sent = _sentAtStart;
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
        _file = new ChosenFile(name, size, resumeFrom);
        _sent = 0;
        _done = null;
        _resumable = false;
        _error = TooLarge
            ? $"'{name}' is {ByteSize.Format(size)}, over the {ByteSize.Format(Options.Value.MaxUploadBytes)} upload limit (setting {VideoImportOptions.Section}:MaxUploadBytes)."
            : null;
        StateHasChanged();
        return StartWhenChosen && _error is null ? StartAsync() : Task.CompletedTask;
    }

    [JSInvokable]
    public Task OnUploadProgress(long sent, long total)
    {
        _sent = sent;
        StateHasChanged();
        return Task.CompletedTask;
    }

    /// <param name="attempt">Which retry after a network error is next; 0 once a chunk got through again.</param>
    [JSInvokable]
    public Task OnUploadRetrying(int attempt, int attempts)
    {
        _retrying = attempt == 0 ? null : $"connection lost; trying again ({attempt} of {attempts})";
        StateHasChanged();
        return Task.CompletedTask;
    }

    [JSInvokable]
    public async Task OnUploadCompleted(int vodId, bool alreadyImported)
    {
        _uploading = false;
        _done = alreadyImported
            ? $"'{_file?.Name}' was already imported into this stream; the one copy is kept."
            : $"Stored '{_file?.Name}' as {(_platformHighlight ? "a platform highlight" : "the stream's source")}.";
        _file = null;
        _sent = 0;
        await LoadVideosAsync();
        StateHasChanged();
        await OnImported.InvokeAsync();
    }

    [JSInvokable]
    public Task OnUploadFailed(string message, bool resumable)
    {
        _uploading = false;
        _error = message;
        _resumable = resumable;
        StateHasChanged();
        return Task.CompletedTask;
    }

    [JSInvokable]
    public Task OnUploadCancelled()
    {
        _uploading = false;
        _resumable = false;
        _sent = 0;
        _error = null;
        _file = _file is null ? null : _file with { ResumeFrom = 0 };
        Snackbar.Add("Upload cancelled; nothing was kept.", Severity.Info);
        StateHasChanged();
        return Task.CompletedTask;
    }

    private ImportedVideoKind Kind => _platformHighlight ? ImportedVideoKind.PlatformHighlight : ImportedVideoKind.Archive;

    private async Task ImportPathAsync()
    {
        _jobError = null;
        var path = _path?.Trim() ?? "";
        try
        {
            // Checked here too so a refusal shows at once; the job checks again when it runs.
            PathGuard.Resolve(path);
        }
        catch (VideoImportException e)
        {
            _jobError = e.Message;
            return;
        }

        if (await EditorOrRefusedAsync() is not { } access)
        {
            return;
        }

        if (await StartedAsync(() => Importer.ImportVideoAsync(access.AccountId, StreamId, Kind, path, access.Actor, Lifetime)))
        {
            Snackbar.Add($"Importing {Path.GetFileName(path)}", Severity.Info);
        }
    }

    private async Task ImportUrlAsync()
    {
        _jobError = null;
        if (!Uri.TryCreate(_url?.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            _jobError = "Give an http or https URL.";
            return;
        }

        if (await EditorOrRefusedAsync() is not { } access)
        {
            return;
        }

        if (await StartedAsync(() => Importer.ImportVideoUrlAsync(access.AccountId, StreamId, Kind, url, access.Actor, Lifetime)))
        {
            Snackbar.Add($"Downloading from {url.Host}", Severity.Info);
        }
    }

    /// <summary>Starts an import job; a refusal (the stream is gone) shows under the form. True when the job started.</summary>
    private async Task<bool> StartedAsync(Func<Task<Guid>> start)
    {
        try
        {
            await start();
            return true;
        }
        catch (VideoImportException e)
        {
            _jobError = e.Message;
            return false;
        }
    }

    private async Task DeleteAsync(Vod vod)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Delete video?",
            $"\"{vod.Title}\" ({ByteSize.Format(vod.SizeBytes)}) will be deleted and its space freed.",
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

        await LoadVideosAsync();
        await OnImported.InvokeAsync();
    }

    /// <summary>The user's access if they may import (the role is read again now), else the reason is shown.</summary>
    private async Task<AccountAccess?> EditorOrRefusedAsync()
    {
        try
        {
            return await Account.RequireAsync(AccountRole.Editor, Lifetime);
        }
        catch (AccountAccessException e)
        {
            _jobError = e.Message;
            return null;
        }
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
