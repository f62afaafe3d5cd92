using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace VodManager.Web.Components.Import;

/// <summary>
/// The import panel's browser upload: drives the colocated script (which sends the file in chunks to the upload
/// endpoints, so the circuit never carries the bytes) and keeps what it reports in <see cref="State"/>. The panel owns
/// it, not the upload tab, so switching tabs never stops an upload; the tab only shows it.
/// </summary>
/// <param name="changed">The state changed: the panel renders again.</param>
/// <param name="completed">A video was stored: the panel reloads its list and tells the page.</param>
/// <param name="stopped">The upload failed or was cancelled: what the server keeps of it changed.</param>
public sealed class VideoUploader(UploadState state, bool startWhenChosen, Func<Task> changed, Func<Task> completed, Func<Task> stopped) : IAsyncDisposable
{
    /// <summary>The script that sends files and keeps the tab's running uploads (<see cref="TabUploads"/> reads them too).</summary>
    public const string ModulePath = "./Components/Import/VideoImportPanel.razor.js";

    private IJSObjectReference? _module;
    private IJSObjectReference? _uploader;
    private DotNetObjectReference<VideoUploader>? _self;

    public UploadState State => state;

    /// <summary>True once the script listens to the file input.</summary>
    public bool Ready => _uploader is not null;

    /// <summary>Store the upload as a platform highlight instead of the stream's source (the panel's switch).</summary>
    public bool PlatformHighlight { get; set; }

    public async Task AttachAsync(IJSRuntime js, ElementReference fileInput, int streamId)
    {
        _module = await js.InvokeAsync<IJSObjectReference>("import", ModulePath);
        _self = DotNetObjectReference.Create(this);
        _uploader = await _module.InvokeAsync<IJSObjectReference>("create", fileInput, _self, streamId);
        await _uploader.InvokeVoidAsync("adopt");
    }

    public async Task PickAsync()
    {
        if (_uploader is not null)
        {
            await _uploader.InvokeVoidAsync("pick");
        }
    }

    public async Task StartAsync()
    {
        if (_uploader is null || state.File is null)
        {
            return;
        }

        state.Start();
        // The script runs the whole upload on its own; this call returns at once (an interop call may not last minutes).
        await _uploader.InvokeVoidAsync("start", PlatformHighlight);
    }

    /// <summary>Stops the upload and drops what the server kept of it; returns once the script reported it.</summary>
    public async Task CancelAsync()
    {
        if (_uploader is not null)
        {
            await _uploader.InvokeVoidAsync("cancel");
        }
    }

    [JSInvokable]
    public async Task OnFileChosen(string name, long size, long resumeFrom)
    {
        var fits = state.Choose(name, size, resumeFrom);
        await changed();
        if (startWhenChosen && fits)
        {
            await StartAsync();
        }
    }

    /// <summary>An upload of this stream that another panel in the tab started (the new-stream dialog) goes on here.</summary>
    [JSInvokable]
    public Task OnUploadAdopted(string name, long size, long sent, bool platformHighlight)
    {
        PlatformHighlight = platformHighlight;
        state.Adopt(name, size, sent);
        return changed();
    }

    [JSInvokable]
    public Task OnUploadProgress(long sent, long total)
    {
        state.Progress(sent);
        return changed();
    }

    [JSInvokable]
    public Task OnUploadRetrying(int attempt, int attempts)
    {
        state.Retrying(attempt, attempts);
        return changed();
    }

    [JSInvokable]
    /// <param name="note">What the import said of a new source (chat past its end), or "".</param>
    public async Task OnUploadCompleted(int vodId, bool alreadyImported, string note)
    {
        state.Completed(alreadyImported, PlatformHighlight, note);
        await completed();
    }

    [JSInvokable]
    public Task OnUploadFailed(string message, bool resumable)
    {
        state.Failed(message, resumable);
        return stopped();
    }

    [JSInvokable]
    public Task OnUploadCancelled()
    {
        state.Cancelled();
        return stopped();
    }

    public async ValueTask DisposeAsync()
    {
        await ScriptHandles.DropAsync(_uploader, _module, release: "dispose");
        _self?.Dispose();
    }
}
