using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using VodManager.Core;
using VodManager.Core.Accounts;
using VodManager.Core.Detection;
using VodManager.Core.Editing;
using VodManager.Core.Ingest;
using VodManager.Core.Jobs;
using VodManager.Core.Media;
using VodManager.Core.Storage;
using VodManager.Core.Streams;
using VodManager.Web.Components.Highlights;
using VodManager.Web.Components.Streams;
using VodManager.Web.Components.Timeline;
using VodManager.Web.Accounts;
using VodManager.Web.Progress;

namespace VodManager.Web.Components.Pages;

/// <summary>
/// The editor's main screen: the stream's head and actions (<see cref="StreamHeader"/>), the replay view and the
/// highlights table (<see cref="HighlightsEditor"/>) beside the stream's panels, all on one page. Rows and the
/// timeline follow the account's jobs live, without reloading the page; one guard runs the page's actions one at a time.
/// </summary>
public sealed partial class StreamDetail : LiveJobsComponentBase
{
    private static readonly TimeSpan RowRefreshInterval = TimeSpan.FromSeconds(1);
    private StreamSummary? _stream;
    private ChannelModelStatus? _channelModel;
    private StreamTimeline? _timeline;
    private StreamHighlightsState? _highlights;
    private PlayerSourceUrl? _player;
    private string? _videoUrl;
    private bool _loaded;
    private long _readAt;
    private bool _indexing;
    private ActionGuard? _guard;
    private readonly PlayerClock _clock = new();

    [Parameter] public int StreamId { get; set; }

    /// <summary>Opens this highlight in the replay view (links from the clips library, the address the page keeps).</summary>
    [SupplyParameterFromQuery(Name = "highlight")] public int? HighlightId { get; set; }

    /// <summary>Starts the player at this second (the address the page keeps, so a reload or a shared link opens the same moment).</summary>
    [SupplyParameterFromQuery(Name = "t")] public double? At { get; set; }

    /// <summary>The open highlight's unsaved trim (the address the page keeps), so a reload does not lose it.</summary>
    [SupplyParameterFromQuery(Name = "trim")] public string? Trim { get; set; }

    [Inject] private StreamCatalog Catalog { get; set; } = default!;
    [Inject] private HighlightQueries Queries { get; set; } = default!;
    [Inject] private StreamTimelineService Timelines { get; set; } = default!;
    [Inject] private ChannelLearning Learning { get; set; } = default!;
    [Inject] private IVodStorage Storage { get; set; } = default!;
    [Inject] private IOptions<StorageOptions> StorageOptions { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private ILogger<StreamDetail> Logger { get; set; } = default!;

    private ActionGuard Guard => _guard ??= ActionGuard.WithSnackbar(Account, Snackbar);

    /// <summary>True while a job of this kind runs for this stream (one detection at a time per stream).</summary>
    private bool Running(string kind) => RunningPercent(kind) is not null;

    /// <summary>How far a running job of this kind for this stream is; null when none runs.</summary>
    private double? RunningPercent(string kind) => RecentJobs.FirstOrDefault(j => j.StreamId == StreamId && j.Kind == kind && !j.IsFinished)?.Percent;

    protected override async Task OnAccountReadyAsync()
    {
        _highlights = new StreamHighlightsState(Queries, Time, AccountId, StreamId) { ActiveId = HighlightId };
        await LoadAsync();
    }

    protected override async Task OnJobFinishedAsync(JobUpdate update)
    {
        if (update.StreamId == StreamId)
        {
            await LoadAsync();
            if (update.Status == JobStatus.Failed)
            {
                Snackbar.Add($"{update.Title} failed: {update.Error}", Severity.Error);
            }
        }
    }

    /// <summary>
    /// An editor trimmed, reset, dismissed, deleted a clip or renamed the stream: the rows and the stream's details are
    /// read again, unless this page made the change and has read them since (its own action reloads it).
    /// </summary>
    protected override async Task OnStreamChangedAsync(StreamChange change)
    {
        // A piece of an upload changes nothing here until the video is stored, which its import's jobs report; the
        // video panel follows the upload itself.
        if (change.StreamId == StreamId && change.Kind != StreamChangeKind.Upload && _highlights is not null && !Bus.PublishedHereBefore(change, _readAt))
        {
            // A moved chat changes the timeline (its heat, its events, the chat beside the player), not only the rows.
            await (change.Kind == StreamChangeKind.Chat ? LoadAsync() : ReloadAfterActionAsync());
        }
    }

    protected override async Task OnLiveAgainAsync()
    {
        if (_highlights is not null)
        {
            await ReloadAfterActionAsync();
        }
    }

    protected override async Task OnJobProgressAsync(JobUpdate update)
    {
        // A batch changes rows one by one (queued → cutting → done) long before the job ends: follow them, gently.
        if (update.StreamId == StreamId && _highlights is { } highlights && highlights.Age >= RowRefreshInterval)
        {
            await highlights.ReloadAsync(Lifetime);
        }
    }

    private async Task LoadAsync()
    {
        var token = Lifetime;
        _readAt = Time.GetTimestamp();
        _stream = await Catalog.GetAsync(AccountId, StreamId, token);
        _loaded = true;
        if (_stream is null)
        {
            return;
        }

        _channelModel = await Learning.StatusAsync(AccountId, StreamId, token);
        _timeline = await Timelines.GetAsync(AccountId, StreamId, token);
        var source = _timeline?.Source;
        var played = source?.BrowserCopy?.StorageKey ?? source?.StorageKey;
        _player ??= new PlayerSourceUrl(Storage, StorageOptions.Value.ReadUrlLifetime, Time);
        _videoUrl = await _player.GetAsync(played, token);
        await _highlights!.ReloadAsync(token);
        if (source is not null && _timeline!.Media is null && !_indexing)
        {
            _ = IndexSourceAsync(source);
        }
    }

    /// <summary>After an editor action: the rows, the stream's counts and the channel's model may have changed.</summary>
    private async Task ReloadAfterActionAsync()
    {
        _readAt = Time.GetTimestamp();
        await _highlights!.ReloadAsync(Lifetime);
        _stream = await Catalog.GetAsync(AccountId, StreamId, Lifetime);
        _channelModel = await Learning.StatusAsync(AccountId, StreamId, Lifetime);
    }

    /// <summary>
    /// Keyframes are normally indexed at import; a source stored before that gets them here, once, in the background,
    /// so snapping and the ghost marker light up when they are ready.
    /// </summary>
    private async Task IndexSourceAsync(TimelineSource source)
    {
        _indexing = true;
        try
        {
            await Timelines.IndexSourceAsync(AccountId, StreamId, Lifetime);
            _timeline = await Timelines.GetAsync(AccountId, StreamId, Lifetime);
            StateHasChanged();
        }
        catch (OperationCanceledException) when (Lifetime.IsCancellationRequested)
        {
            // The editor closed the page; the next visit starts again.
        }
        catch (FfmpegException e)
        {
            Logger.LogWarning(e, "Could not index the keyframes of VOD {VodId}", source.Id);
            Snackbar.Add($"The source's keyframes could not be read, so snapping is off: {e.Message}", Severity.Warning);
        }
        finally
        {
            _indexing = false;
        }
    }

    /// <summary>Editors may move the chat; viewers get no buttons for it.</summary>
    private EventCallback<ChatReplayLine?> LineUp => CanEdit ? EventCallback.Factory.Create<ChatReplayLine?>(this, LineUpChatAsync) : default;

    /// <summary>
    /// Moves the chat against the video: by the seconds between a line and the player's second (the editor says the line
    /// belongs there), or by seconds they give; the dialog says what moves and what is left out before it does.
    /// </summary>
    private async Task LineUpChatAsync(ChatReplayLine? line)
    {
        var dialog = await Dialogs.ShowAsync<ChatShiftDialog>("Move the chat", new DialogParameters<ChatShiftDialog>
        {
            { d => d.StreamId, StreamId },
            { d => d.Line, line },
            { d => d.Playhead, _clock.Seconds },
            { d => d.Reconnects, _timeline?.Source?.Reconnects.Seconds ?? [] },
        }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true });
        if (await dialog.Result is { Canceled: false, Data: ChatShiftOutcome outcome })
        {
            Snackbar.Add(outcome.Describe(), Severity.Success);
            await LoadAsync();
        }
    }

    /// <summary>The channel's later detections go back to the default model; this stream keeps its highlights until re-detected.</summary>
    private async Task RevertModelAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Revert to the default model?",
            $"Later detections of {_channelModel?.Channel} use the default chat model; what its editors decided stays, and it is tuned again after {_channelModel?.RefitAfter} new decisions. Re-detect a stream to apply it there.",
            yesText: "Revert", cancelText: "Cancel");
        if (confirmed == true)
        {
            await Guard.RunAsync(AccountRole.Editor, async access =>
            {
                await Learning.RevertAsync(access.AccountId, StreamId, access.Actor, Lifetime);
                Snackbar.Add("The channel's detections use the default model again", Severity.Info);
            }, Lifetime);
            await ReloadAfterActionAsync();
        }
    }
}
