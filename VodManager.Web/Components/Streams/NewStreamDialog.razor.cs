using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MudBlazor;
using VodManager.Core;
using VodManager.Core.Data.Entities;
using VodManager.Core.Editing;
using VodManager.Core.Ingest;
using VodManager.Core.Streams;
using VodManager.Web.Accounts;
using VodManager.Web.Components.Import;
using VodManager.Web.Progress;

namespace VodManager.Web.Components.Streams;

/// <summary>
/// Makes a stream from whatever files the editor has. Data files go to the server at once and are read whole: a bad
/// one is named and dropped before any stream exists, and what the chat says (title, channel, start, length) fills the
/// form. Creating starts their import jobs; the video, which stayed in the browser, then goes through the import
/// panel's resumable upload. Everything runs live in the dialog. Without files it creates an empty stream.
/// </summary>
public sealed partial class NewStreamDialog : LiveJobsComponentBase, IAsyncDisposable
{
    private readonly List<ChosenFile> _files = [];
    private StreamForm _form = new();
    private StreamMetadata _suggested = StreamMetadata.Empty;

    // The files as last read whole: creating from the same files does not read them again.
    private InspectedFiles? _inspected;
    private ElementReference _zone;
    private IJSObjectReference? _module;
    private IJSObjectReference? _holder;
    private ChosenFile? _video;
    private string? _readFrom;
    private string? _error;
    private bool _dragging;
    private bool _reading;
    private bool _creating;
    private int? _streamId;

    // Whether the new stream's chat is being imported: detection follows it.
    private bool _chatComing;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject] private NewStreamService NewStreams { get; set; } = default!;
    [Inject] private DataUploadStaging Uploads { get; set; } = default!;
    [Inject] private IOptions<EditorOptions> EditorOptions { get; set; } = default!;
    [Inject] private IOptions<VideoImportOptions> VideoOptions { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    private const string Accepted = ".json,.gz,.txt,.log,.jsonl,.ndjson,.vtt,.srt,video/*,.mp4,.m4v,.mov,.mkv,.webm,.ts,.flv,.avi";


    protected override void OnInitialized() => _form = StreamForm.From(StreamMetadata.Empty, Time.GetUtcNow().UtcDateTime);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Streams/NewStreamDialog.razor.js");
            _holder = await _module.InvokeAsync<IJSObjectReference>("create");
            StateHasChanged();
        }
    }

    private async Task AddFilesAsync(IReadOnlyList<IBrowserFile>? picked)
    {
        _error = null;
        _reading = true;
        try
        {
            foreach (var file in picked ?? [])
            {
                await AddAsync(file);
            }

            await ReadMetadataAsync();
        }
        finally
        {
            _reading = false;
        }
    }

    /// <summary>One file per kind: a second chat (or video…) replaces the first.</summary>
    private async Task AddAsync(IBrowserFile file)
    {
        var (video, kind) = ChosenFile.Classify(file.Name);
        if (!video && kind is null)
        {
            _error = $"'{file.Name}' is not a file a stream is made from: give a chat log (.json, .json.gz, .txt), events (.jsonl), a transcript (.vtt, .srt) or a video.";
            return;
        }

        var limit = video ? VideoOptions.Value.MaxUploadBytes : EditorOptions.Value.MaxUploadBytes;
        if (file.Size > limit)
        {
            _error = $"'{file.Name}' is {ByteSize.Format(file.Size)}; the limit is {ByteSize.Format(limit)} ({(video ? "Import" : "Editor")}:MaxUploadBytes).";
            return;
        }

        if (_files.FirstOrDefault(f => f.DataKind == kind) is { } replaced)
        {
            await RemoveAsync(replaced);
        }

        if (video)
        {
            if (_holder is null || !await _holder.InvokeAsync<bool>("keep", _zone, file.Name, file.Size))
            {
                _error = $"'{file.Name}' could not be kept for the upload; pick it again.";
                return;
            }

            _video = new ChosenFile(file.Name, file.Size, null, null);
            _files.Add(_video);
            return;
        }

        try
        {
            _files.Add(new ChosenFile(file.Name, file.Size, kind, await TempUpload.SaveAsync(file, Uploads, limit, CancellationToken.None)));
        }
        catch (IOException e)
        {
            _error = $"Uploading '{file.Name}' failed: {e.Message}";
        }
    }

    /// <summary>Reads the data files whole; a bad one is named, dropped, and the rest read again.</summary>
    private async Task ReadMetadataAsync()
    {
        while (true)
        {
            try
            {
                _inspected = await NewStreams.InspectAsync(DataFiles(), CancellationToken.None);
                var said = _inspected.Said;
                Suggest(said.Title is null && _video is not null ? said with { Title = Path.GetFileNameWithoutExtension(_video.Name) } : said);
                return;
            }
            catch (IngestException e)
            {
                var bad = _files.FirstOrDefault(f => f.TempPath is not null && Path.GetFileName(f.TempPath) == e.File);
                _error = bad is null ? e.Message : e.Message.Replace($"'{e.File}'", $"'{bad.Name}'", StringComparison.Ordinal);
                if (bad is null)
                {
                    return;
                }

                await RemoveAsync(bad);
            }
        }
    }

    /// <summary>Fills each field the editor has not changed from what the files now say.</summary>
    private void Suggest(StreamMetadata said)
    {
        var before = StreamForm.From(_suggested, DateTime.MinValue);
        var now = StreamForm.From(said, Time.GetUtcNow().UtcDateTime);
        if (_form.Title == before.Title || _form.Title.Length == 0)
        {
            _form.Title = now.Title;
        }

        if (_form.Channel == before.Channel || _form.Channel.Length == 0)
        {
            _form.Channel = now.Channel;
        }

        if (said.StartedAt is not null)
        {
            _form.Started = now.Started;
        }

        _form.DurationSeconds = said.DurationSeconds;
        _suggested = said;
        var chat = _files.FirstOrDefault(f => f.DataKind == IngestKind.Chat);
        _readFrom = chat is not null && (said.Channel is not null || said.StartedAt is not null) ? $"'{chat.Name}'" : null;
    }

    private async Task RemoveAsync(ChosenFile file)
    {
        _files.Remove(file);
        if (file.TempPath is not null)
        {
            File.Delete(file.TempPath);
        }
        else if (_holder is not null)
        {
            _video = null;
            await _holder.InvokeVoidAsync("forget");
        }
    }

    private NewStreamFiles DataFiles() => new(
        _files.FirstOrDefault(f => f.DataKind == IngestKind.Chat)?.TempPath,
        _files.FirstOrDefault(f => f.DataKind == IngestKind.Events)?.TempPath,
        _files.FirstOrDefault(f => f.DataKind == IngestKind.Transcript)?.TempPath);

    private async Task CreateAsync()
    {
        _error = null;
        _creating = true;
        try
        {
            var access = await Account.RequireAsync(AccountRole.Editor, CancellationToken.None);
            var details = _form.ToDetails();
            var given = new StreamMetadata(details.Title, details.Channel, details.StartedAt, details.DurationSeconds);

            // The import jobs own the data files from here: each removes its file when it ends.
            var inspected = _inspected?.Files == DataFiles() ? _inspected : await NewStreams.InspectAsync(DataFiles(), CancellationToken.None);
            _streamId = await NewStreams.CreateAsync(access.AccountId, inspected, given, access.Actor, deleteWhenDone: true, CancellationToken.None);
            _chatComing = _files.Any(f => f.DataKind == IngestKind.Chat);
            _files.RemoveAll(f => f.TempPath is not null);
        }
        catch (Exception e) when (e is StreamException or IngestException or AccountAccessException)
        {
            _error = e.Message;
        }
        finally
        {
            _creating = false;
        }
    }

    /// <summary>The panel listens now: give it the video, which it starts uploading at once.</summary>
    private async Task HandOverAsync()
    {
        if (_holder is not null && !await _holder.InvokeAsync<bool>("handOver", _zone))
        {
            _error = "The video could not be handed to the upload; choose it again in the panel.";
        }
    }

    public async ValueTask DisposeAsync()
    {
        Dispose();
        foreach (var file in _files.Where(f => f.TempPath is not null))
        {
            File.Delete(file.TempPath!);
        }

        try
        {
            if (_holder is not null)
            {
                await _holder.DisposeAsync();
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
    }
}
