using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MudBlazor;
using VodManager.Core;
using VodManager.Core.Accounts;
using VodManager.Core.Editing;
using VodManager.Core.Ingest;
using VodManager.Core.Streams;
using VodManager.Web.Accounts;
using VodManager.Web.Progress;

namespace VodManager.Web.Components.Streams;

/// <summary>
/// Makes a stream from whatever files the editor has. Data files go to the server at once and are read whole: a bad
/// one is named and dropped before any stream exists, and what the chat says (title, channel, start, length) fills the
/// form. Creating starts their import jobs; the video, which stayed in the browser, then goes through the import
/// panel's resumable upload (or, given by its URL instead, is downloaded by its own job). Everything runs live in the
/// dialog. Without files it creates an empty stream.
/// </summary>
public sealed partial class NewStreamDialog : LiveJobsComponentBase, IAsyncDisposable
{
    private ChosenFiles _chosen = default!;
    private StreamForm _form = default!;
    private StreamMetadata _suggested = StreamMetadata.Empty;

    // The channel of the account's newest stream, for files that do not name theirs.
    private string? _lastChannel;

    // The files as last read whole: creating from the same files does not read them again.
    private InspectedFiles? _inspected;
    private ElementReference _zone;
    private string? _readFrom;
    private string? _error;
    private bool _dragging;
    private bool _reading;
    private ActionGuard? _guard;
    private int? _streamId;

    // Whether the new stream's chat is being imported: detection follows it.
    private bool _chatComing;

    // The video to download instead of a chosen file.
    private string? _videoUrl;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject] private NewStreamService NewStreams { get; set; } = default!;
    [Inject] private StreamCatalog Catalog { get; set; } = default!;
    [Inject] private EditorTimeZone EditorZone { get; set; } = default!;
    [Inject] private DataUploadStaging Uploads { get; set; } = default!;
    [Inject] private IOptions<EditorOptions> EditorOptions { get; set; } = default!;
    [Inject] private IOptions<VideoImportOptions> VideoOptions { get; set; } = default!;
    [Inject] private IOptions<IngestOptions> IngestOptions { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    private const string Accepted = ".json,.gz,.txt,.log,.jsonl,.ndjson,.vtt,.srt,video/*,.mp4,.m4v,.mov,.mkv,.webm,.ts,.flv,.avi";

    private ActionGuard Guard => _guard ??= new ActionGuard(Account, message => _error = message);

    protected override void OnInitialized()
    {
        _chosen = new ChosenFiles(Uploads, IngestOptions.Value, EditorOptions.Value.MaxDataUploadBytes, VideoOptions.Value.MaxVideoUploadBytes);
        _form = StreamForm.From(StreamMetadata.Empty, Time.GetUtcNow().UtcDateTime, EditorZone);
    }

    protected override async Task OnAccountReadyAsync()
    {
        _lastChannel = await Catalog.LastChannelAsync(AccountId, Lifetime);
        if (_form.Channel.Length == 0)
        {
            Suggest(_suggested);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await _chosen.AttachAsync(JS);
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
                _error = await _chosen.AddAsync(file, _zone, Lifetime) ?? _error;
            }

            await ReadMetadataAsync();
        }
        finally
        {
            _reading = false;
        }
    }

    /// <summary>Reads the data files whole; a bad one is named, dropped, and the rest read again.</summary>
    private async Task ReadMetadataAsync()
    {
        while (true)
        {
            try
            {
                _inspected = await NewStreams.InspectAsync(_chosen.DataFiles(), Lifetime);
                Suggest(_inspected.Said);
                return;
            }
            catch (IngestException e)
            {
                var bad = _chosen.WithTempName(e.File);
                _error = bad is null ? e.Message : e.Message.Replace($"'{e.File}'", $"'{bad.Name}'", StringComparison.Ordinal);
                if (bad is null)
                {
                    return;
                }

                await _chosen.RemoveAsync(bad);
            }
        }
    }

    /// <summary>Fills each field the editor has not changed from what the files now say.</summary>
    private void Suggest(StreamMetadata said)
    {
        var before = StreamForm.From(OrLastChannel(_suggested), DateTime.MinValue, EditorZone);
        var now = StreamForm.From(OrLastChannel(said), Time.GetUtcNow().UtcDateTime, EditorZone);
        if (_form.Title == before.Title || _form.Title.Length == 0)
        {
            _form.Title = now.Title;
        }

        if (_form.Channel == before.Channel || _form.Channel.Length == 0)
        {
            _form.Channel = now.Channel;
        }

        if (said.StartedAt is { } startedAt)
        {
            _form.StartingAt(startedAt);
        }

        _form.DurationSeconds = said.DurationSeconds;
        _suggested = said;
        var chat = _chosen.Of(IngestKind.Chat);
        _readFrom = chat is not null && (said.Channel is not null || said.StartedAt is not null) ? $"'{chat.Name}'" : null;
    }

    private StreamMetadata OrLastChannel(StreamMetadata said) => said.Or(StreamMetadata.Empty with { Channel = _lastChannel });

    private async Task CreateAsync()
    {
        _error = null;
        await Guard.RunAsync(AccountRole.Editor, async access =>
        {
            var details = _form.ToDetails();
            var given = new StreamMetadata(details.Title, details.Channel, details.StartAssumed ? null : details.StartedAt, details.DurationSeconds);

            var files = _chosen.DataFiles();
            if (_chosen.Video is null && _videoUrl?.Trim() is { Length: > 0 } typed)
            {
                files = files with
                {
                    Video = HttpUrl.TryParse(typed, out var url)
                        ? url.AbsoluteUri
                        : throw new VideoImportException($"'{typed}' is not an http(s) URL; give the video's full address, starting with https://."),
                };
            }

            var inspected = _inspected?.Files == files ? _inspected : await NewStreams.InspectAsync(files, Lifetime);
            _streamId = await NewStreams.CreateAsync(access.AccountId, inspected, given, access.Actor, deleteWhenDone: true, Lifetime);
            _chatComing = _chosen.HasChat;
            _chosen.HandOverDataFiles();
        }, Lifetime);
    }

    /// <summary>The panel listens now: give it the video, which it starts uploading at once.</summary>
    private async Task HandOverAsync()
    {
        if (!await _chosen.HandOverVideoAsync(_zone))
        {
            _error = "The video could not be handed to the upload; choose it again in the panel.";
        }
    }

    public async ValueTask DisposeAsync()
    {
        Dispose();
        await _chosen.DisposeAsync();
    }
}
