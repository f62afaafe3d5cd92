using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using VodManager.Core;
using VodManager.Core.Cutting;
using VodManager.Core.Data.Entities;
using VodManager.Core.Detection;
using VodManager.Core.Editing;
using VodManager.Core.Jobs;
using VodManager.Core.Media;
using VodManager.Core.Refinement;
using VodManager.Core.Storage;
using VodManager.Core.Streams;
using VodManager.Web.Components.Highlights;
using VodManager.Web.Components.Streams;
using VodManager.Web.Components.Timeline;
using VodManager.Web.Accounts;
using VodManager.Web.Progress;

namespace VodManager.Web.Components.Pages;

/// <summary>
/// The editor's main screen: the stream's overview and actions, the replay view with trim handles, and the highlights
/// table, all on one page. Rows and the timeline follow the account's jobs live, without reloading the page.
/// </summary>
public sealed partial class StreamDetail : LiveJobsComponentBase
{
    private static readonly TimeSpan RowRefreshInterval = TimeSpan.FromSeconds(1);
    private StreamSummary? _stream;
    private ChannelModelStatus? _channelModel;
    private StreamTimeline? _timeline;
    private IReadOnlyList<Highlight> _highlights = [];
    private string? _videoUrl;
    private int? _activeId;
    private bool _showDismissed;
    private bool _loaded;
    private bool _indexing;
    private long _lastRowRefresh;
    private ReplayView? _replay;
    private CutMode _cutMode;
    private List<BreadcrumbItem> _crumbs = [];
    private ActionGuard? _guard;

    [Parameter] public int StreamId { get; set; }

    /// <summary>Opens this highlight in the replay view (links from the clips library).</summary>
    [SupplyParameterFromQuery(Name = "highlight")] public int? HighlightId { get; set; }

    [Inject] private StreamCatalog Catalog { get; set; } = default!;
    [Inject] private HighlightQueries Queries { get; set; } = default!;
    [Inject] private StreamTimelineService Timelines { get; set; } = default!;
    [Inject] private HighlightEditor Editor { get; set; } = default!;
    [Inject] private ChannelLearning Learning { get; set; } = default!;
    [Inject] private IVodStorage Storage { get; set; } = default!;
    [Inject] private IOptions<StorageOptions> StorageOptions { get; set; } = default!;
    [Inject] private IOptions<CuttingOptions> CuttingOptions { get; set; } = default!;
    [Inject] private CutJobs Cuts { get; set; } = default!;
    [Inject] private RefinementJobs Refinements { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private DetectionJobs Detection { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private StreamManager Streams { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ILogger<StreamDetail> Logger { get; set; } = default!;

    private ActionGuard Guard => _guard ??= new ActionGuard(Account, message => Snackbar.Add(message, Severity.Error));

    private bool Busy => Guard.Busy;

    private double MinTrimSeconds => CuttingOptions.Value.MinClipSeconds;

    private IReadOnlyList<Highlight> VisibleHighlights => _highlights.Where(h => !h.Dismissed || h.Id == _activeId).ToList();

    private Highlight? Active => _highlights.FirstOrDefault(h => h.Id == _activeId);

    private bool CanDetect => _stream is { } s && (s.ChatImported || s.EventsImported || s.TranscriptImported || s.SourceVodId is not null);

    /// <summary>True while a job of this kind runs for this stream (one detection at a time per stream).</summary>
    private bool Running(string kind) => RecentJobs.Any(j => j.StreamId == StreamId && j.Kind == kind && !j.IsFinished);

    private string NoHighlightsText => _stream?.DetectedAt is null
        ? "No highlights yet: import the chat and events, then detect."
        : "Detection found no highlights in this stream.";

    protected override async Task OnAccountReadyAsync()
    {
        _activeId = HighlightId;
        _cutMode = CuttingOptions.Value.DefaultMode;
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

    protected override async Task OnJobProgressAsync(JobUpdate update)
    {
        // A batch changes rows one by one (queued → cutting → done) long before the job ends: follow them, gently.
        if (update.StreamId == StreamId && Time.GetElapsedTime(_lastRowRefresh) >= RowRefreshInterval)
        {
            await ReloadHighlightsAsync();
        }
    }

    private async Task LoadAsync()
    {
        var token = Lifetime;
        _stream = await Catalog.GetAsync(AccountId, StreamId, token);
        _loaded = true;
        if (_stream is null)
        {
            return;
        }

        _crumbs = [new BreadcrumbItem("Streams", "/streams"), new BreadcrumbItem(_stream.Channel, null, disabled: true)];
        _channelModel = await Learning.StatusAsync(AccountId, StreamId, token);
        _timeline = await Timelines.GetAsync(AccountId, StreamId, token);
        var source = _timeline?.Source;
        _videoUrl = source is null ? null : await BrowserMediaUrl.GetAsync(Storage, source.StorageKey, StorageOptions.Value.ReadUrlLifetime, token);
        await ReloadHighlightsAsync();
        if (source is not null && _timeline!.Media is null && !_indexing)
        {
            _ = IndexSourceAsync(source);
        }
    }

    private async Task ReloadHighlightsAsync()
    {
        _lastRowRefresh = Time.GetTimestamp();
        _highlights = await Queries.ListAsync(AccountId, StreamId, Lifetime);
        if (Active is null || (Active.Dismissed && !_showDismissed))
        {
            _activeId = _highlights.FirstOrDefault(h => !h.Dismissed)?.Id;
        }
    }

    /// <summary>
    /// Keyframes are normally indexed at import; a source stored before that gets them here, once, in the background,
    /// so snapping and the ghost marker light up when they are ready.
    /// </summary>
    private async Task IndexSourceAsync(Vod source)
    {
        _indexing = true;
        try
        {
            await Timelines.IndexSourceAsync(source, Lifetime);
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

    private Task ActivateAsync(int highlightId)
    {
        _activeId = highlightId;
        return Task.CompletedTask;
    }

    private async Task PreviewAsync(Highlight highlight)
    {
        _activeId = highlight.Id;
        StateHasChanged();
        var (start, end) = highlight.EffectiveBounds;
        if (_replay is not null)
        {
            await _replay.PreviewAsync(start, end);
        }
    }

    /// <summary>
    /// Optimistic: the row takes the new bounds and the page re-renders before the server is asked, so the draft stops
    /// being "unsaved" at once; the one write follows and nothing reloads. A refusal puts the row back and says why, and
    /// the replay view keeps the draft as unsaved.
    /// </summary>
    private async Task SaveTrimAsync(TrimSave save)
    {
        if (Busy || _highlights.FirstOrDefault(h => h.Id == save.HighlightId) is not { } row)
        {
            return;
        }

        var trim = OptimisticTrim.Apply(row, save.Range.Start, save.Range.End);
        StateHasChanged();
        await RunAsync(async (access, token) =>
        {
            var outcome = await Editor.SaveTrimAsync(access.AccountId, save.HighlightId, save.Range.Start, save.Range.End, access.Actor, token);
            trim.Confirm(outcome, access.Actor);
            var where = $"{Format.ClockPrecise(outcome.Start)} – {Format.ClockPrecise(outcome.End)}";
            Snackbar.Add(outcome.Clamped ? $"Trim saved, pulled inside the stream: {where}" : $"Trim saved: {where}", outcome.Clamped ? Severity.Warning : Severity.Success);
        }, onRefused: () =>
        {
            trim.RollBack();
            save.Refused = true;
        }, reload: false);
    }

    private Task ResetTrimAsync(int highlightId) => RunAsync(async (access, token) =>
    {
        await Editor.ResetTrimAsync(access.AccountId, highlightId, access.Actor, token);
        Snackbar.Add("Trim removed", Severity.Info);
    });

    /// <summary>Detects the stream's highlights; a re-detection asks first, since it replaces what was not clipped or trimmed.</summary>
    private async Task DetectAsync()
    {
        if (_stream?.DetectedAt is not null)
        {
            var confirmed = await Dialogs.ShowMessageBoxAsync(
                "Re-detect highlights?",
                "Highlights with a clip or a trim are kept; the others are replaced by a fresh detection.",
                yesText: "Re-detect", cancelText: "Cancel");
            if (confirmed != true)
            {
                return;
            }
        }

        await RunAsync(async (access, token) =>
        {
            await Detection.DetectAsync(access.AccountId, StreamId, access.Actor, token);
            Snackbar.Add("Detecting highlights", Severity.Info);
        });
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
            await RunAsync(async (access, token) =>
            {
                await Learning.RevertAsync(access.AccountId, StreamId, access.Actor, token);
                Snackbar.Add("The channel's detections use the default model again", Severity.Info);
            });
        }
    }

    private async Task EditAsync()
    {
        var dialog = await Dialogs.ShowAsync<EditStreamDialog>("Edit stream", new DialogParameters<EditStreamDialog> { { d => d.Stream, _stream } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true });
        if (await dialog.Result is { Canceled: false })
        {
            await LoadAsync();
            Snackbar.Add("Stream saved", Severity.Success);
        }
    }

    /// <summary>Says what goes and how much space returns, asks, then deletes the stream with everything it owns.</summary>
    private Task DeleteStreamAsync() => Guard.RunAsync(AccountRole.Editor, async access =>
    {
        var what = await Streams.DescribeDeletionAsync(access.AccountId, StreamId, Lifetime);
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Delete this stream?",
            $"\"{what.Title}\" goes for good, with {what.Describe()}. {ByteSize.Format(what.Bytes)} of space returns to the account.",
            yesText: "Delete stream", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        var deleted = await Streams.DeleteAsync(access.AccountId, StreamId, Lifetime);
        Snackbar.Add($"Deleted \"{deleted.Title}\"; {ByteSize.Format(deleted.Bytes)} freed", Severity.Success);
        Navigation.NavigateTo("/streams");
    }, Lifetime);

    /// <summary>One row or the selection: the rows the grid found cuttable go to the cutter; the editor hears about the rest.</summary>
    private Task CutAsync(CutSelection selection) => RunAsync(async (access, token) =>
    {
        var ids = selection.ToCut.Select(h => h.Id).ToList();
        if (ids.Count == 1)
        {
            await Cuts.CutAsync(access.AccountId, ids[0], _cutMode, access.Actor, createAnyway: false, token);
        }
        else if (ids.Count > 1)
        {
            await Cuts.CutSelectedAsync(access.AccountId, ids, _cutMode, access.Actor, token);
        }

        Snackbar.Add(selection.Summary(), selection.Skipped.Count == 0 ? Severity.Info : Severity.Warning);
    });

    private Task CutAllAsync() => RunAsync(async (access, token) =>
    {
        await Cuts.CutAllAsync(access.AccountId, StreamId, _cutMode, access.Actor, token);
        var notClips = _highlights.Count(h => h is { Dismissed: false, ClipVodId: null, IsClipable: false, ClipOverrideBy: null });
        Snackbar.Add(notClips == 0 ? "Cutting every highlight without a clip" : $"Cutting every highlight without a clip; {notClips} marked \"Not a clip\" will be skipped", Severity.Info);
    });

    /// <summary>"Create clip anyway": asks first, then cuts with the override, which the cutter records with who and when.</summary>
    private async Task CreateAnywayAsync(Highlight highlight)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Create a clip of highlight #{highlight.Rank} anyway?",
            $"Refinement judged it not a clip{(highlight.RefinementReason is { } why ? $": {why}" : "")}. Your choice is recorded with your name.",
            yesText: "Create clip anyway", cancelText: "Cancel");
        if (confirmed == true)
        {
            await RunAsync(async (access, token) =>
            {
                await Cuts.CutAsync(access.AccountId, highlight.Id, _cutMode, access.Actor, createAnyway: true, token);
                Snackbar.Add($"Cutting highlight #{highlight.Rank} anyway", Severity.Info);
            });
        }
    }

    /// <summary>One row or the selection, with the account's backend; rows show queued at once and follow the job live.</summary>
    private Task RefineAsync(IReadOnlyList<Highlight> highlights) => RunAsync(async (access, token) =>
    {
        await Refinements.RefineSelectedAsync(access.AccountId, highlights.Select(h => h.Id).ToList(), access.Actor, token);
        Snackbar.Add(highlights.Count == 1 ? $"Refining highlight #{highlights[0].Rank}" : $"Refining {highlights.Count} highlights", Severity.Info);
    });

    private Task DismissAsync(IReadOnlyList<Highlight> highlights) => RunAsync(async (access, token) =>
    {
        var ids = highlights.Select(h => h.Id).ToList();
        var count = await Editor.DismissAsync(access.AccountId, ids, access.Actor, token);
        Snackbar.Add($"Dismissed {count} highlight{(count == 1 ? "" : "s")}", Severity.Info, o =>
        {
            o.Action = "Undo";
            o.ActionColor = Color.Primary;
            o.OnClick = _ => InvokeAsync(() => RestoreAsync(highlights));
        });
    });

    private Task RestoreAsync(IReadOnlyList<Highlight> highlights) => RunAsync(async (access, token) =>
    {
        var count = await Editor.RestoreAsync(access.AccountId, highlights.Select(h => h.Id).ToList(), access.Actor, token);
        Snackbar.Add($"Restored {count} highlight{(count == 1 ? "" : "s")}", Severity.Info);
    });

    /// <summary>
    /// Runs an editor action: one at a time, only for a current editor or owner (the role is read again now, whatever
    /// the page showed), a refused action shows its reason (after <paramref name="onRefused"/> undid what the page
    /// showed early), and the rows reload after unless the action kept them current itself.
    /// </summary>
    private async Task RunAsync(Func<AccountAccess, CancellationToken, Task> action, Action? onRefused = null, bool reload = true)
    {
        if (Busy)
        {
            return;
        }

        await Guard.RunAsync(AccountRole.Editor, access => action(access, Lifetime), Lifetime, onRefused);
        if (reload)
        {
            await ReloadHighlightsAsync();
            _stream = await Catalog.GetAsync(AccountId, StreamId, Lifetime);
            _channelModel = await Learning.StatusAsync(AccountId, StreamId, Lifetime);
        }

        // Also reached from outside this component's events (a snackbar's Undo), which would not re-render it.
        StateHasChanged();
    }
}
