using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using VodManager.Core;
using VodManager.Core.Ingest;
using VodManager.Core.Streams;
using VodManager.Web.Components.Import;

namespace VodManager.Web.Components.Streams;

/// <summary>
/// The files picked for a new stream, kept apart from the dialog that shows them (QuickGrid's state/UI split): one per
/// kind, data files copied to the server at once, the video held in the browser by the dialog's script until its stream
/// exists. A data file's server copy is deleted when it is removed or replaced, and when the dialog goes without
/// handing it to an import.
/// </summary>
public sealed class ChosenFiles(DataUploadStaging uploads, IngestOptions ingest, long maxDataBytes, long maxVideoBytes) : IAsyncDisposable
{
    private readonly List<ChosenFile> _files = [];
    private IJSObjectReference? _module;
    private IJSObjectReference? _holder;

    public IReadOnlyList<ChosenFile> All => _files;

    /// <summary>The video, which stays in the browser until the import panel takes it.</summary>
    public ChosenFile? Video { get; private set; }

    /// <summary>Whether the video holder is wired up: a video dropped before it is could not be kept.</summary>
    public bool Ready => _holder is not null;

    public bool HasChat => _files.Any(f => f.DataKind == IngestKind.Chat);

    public async Task AttachAsync(IJSRuntime js)
    {
        _module = await js.InvokeAsync<IJSObjectReference>("import", "./Components/Streams/NewStreamDialog.razor.js");
        _holder = await _module.InvokeAsync<IJSObjectReference>("create");
    }

    /// <summary>Adds a picked file (a second chat, video… replaces the first); what was wrong with it, or null.</summary>
    public async Task<string?> AddAsync(IBrowserFile file, ElementReference zone, CancellationToken cancellationToken)
    {
        var (video, kind) = ChosenFile.Classify(file.Name);
        if (!video && kind is null)
        {
            return $"'{file.Name}' is not a file a stream is made from: give a chat log (.json, .json.gz, .txt), events (.jsonl), a transcript (.vtt, .srt, Whisper .json) or a video.";
        }

        var limit = video ? maxVideoBytes : maxDataBytes;
        if (file.Size > limit)
        {
            return $"'{file.Name}' is {ByteSize.Format(file.Size)}; the limit is {ByteSize.Format(limit)} ({(video ? "Import:MaxVideoUploadBytes" : "Editor:MaxDataUploadBytes")}).";
        }

        if (video)
        {
            await ReplaceAsync(null);
            if (_holder is null || !await _holder.InvokeAsync<bool>("keep", zone, file.Name, file.Size))
            {
                return $"'{file.Name}' could not be kept for the upload; pick it again.";
            }

            Video = new ChosenFile(file.Name, file.Size, null, null);
            _files.Add(Video);
            return null;
        }

        string copy;
        try
        {
            copy = await TempUpload.SaveAsync(file, uploads, limit, cancellationToken);
        }
        catch (IOException e)
        {
            return $"Uploading '{file.Name}' failed: {e.Message}";
        }

        // Whisper writes its transcript as .json, as chat tools write chat: the content says which it is.
        try
        {
            if (kind == IngestKind.Chat && await ContentSniff.IsTranscriptJsonAsync(copy, ingest, cancellationToken))
            {
                kind = IngestKind.Transcript;
            }
        }
        catch
        {
            uploads.Remove(copy); // not listed yet, so nothing else would remove it
            throw;
        }

        await ReplaceAsync(kind);
        _files.Add(new ChosenFile(file.Name, file.Size, kind, copy));
        return null;
    }

    /// <summary>A second file of a kind (or a second video) replaces the first.</summary>
    private async Task ReplaceAsync(IngestKind? kind)
    {
        if (_files.FirstOrDefault(f => f.DataKind == kind) is { } replaced)
        {
            await RemoveAsync(replaced);
        }
    }

    public async Task RemoveAsync(ChosenFile file)
    {
        _files.Remove(file);
        if (file.TempPath is not null)
        {
            uploads.Remove(file.TempPath);
        }
        else if (_holder is not null)
        {
            Video = null;
            await _holder.InvokeVoidAsync("forget");
        }
    }

    /// <summary>The data file whose server copy has this name (what an import error names).</summary>
    public ChosenFile? WithTempName(string? name) => _files.FirstOrDefault(f => f.TempPath is not null && Path.GetFileName(f.TempPath) == name);

    public ChosenFile? Of(IngestKind kind) => _files.FirstOrDefault(f => f.DataKind == kind);

    public NewStreamFiles DataFiles() => new(Of(IngestKind.Chat)?.TempPath, Of(IngestKind.Events)?.TempPath, Of(IngestKind.Transcript)?.TempPath)
    {
        // The copies' names are made safe for the server's disk: a title from a file comes from the name the editor picked.
        Named = (Of(IngestKind.Chat) ?? Video ?? Of(IngestKind.Transcript) ?? Of(IngestKind.Events))?.Name,
        VideoUploadFollows = Video is not null,
    };

    /// <summary>The stream's import jobs own the data files now: each removes its file when it ends.</summary>
    public void HandOverDataFiles() => _files.RemoveAll(f => f.TempPath is not null);

    /// <summary>Gives the video to the import panel's file input, which starts uploading it; false when it could not.</summary>
    public async Task<bool> HandOverVideoAsync(ElementReference zone) => _holder is null || await _holder.InvokeAsync<bool>("handOver", zone);

    public async ValueTask DisposeAsync()
    {
        foreach (var file in _files.Where(f => f.TempPath is not null))
        {
            uploads.Remove(file.TempPath!);
        }

        await ScriptHandles.DropAsync(_holder, _module);
    }
}
