using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using VodManager.Core.Cutting;
using VodManager.Core.Editing;

namespace VodManager.Web.Components.Timeline;

/// <summary>
/// The replay view: the source video, the whole-stream minimap and the selected highlight's trim track. Holds the
/// unsaved trim (the draft); the page saves it. Pointer work (drag, seek, playhead) runs in the browser and reports
/// only results, so dragging never waits for the server.
/// </summary>
public sealed partial class ReplayView : IAsyncDisposable
{
    private const string ModulePath = "./Components/Timeline/ReplayView.razor.js";
    private ElementReference _root;
    private IJSObjectReference? _module;
    private DotNetObjectReference<ReplayView>? _self;
    private readonly TrimDraft _trim = new();
    private bool _seekToDraft;
    private bool _startPending = true;
    private bool _started;

    /// <summary>Where the page last put the player (it starts at 0); a second reported elsewhere is the editor's doing.</summary>
    private double _pageSeekAt;

    /// <summary>The editor has moved the player since the page opened: a row the page opens no longer moves it.</summary>
    private bool _playerMoved;

    private bool _trimPending = true;
    private double _minimapWidth = 1000;
    private string? _failedUrl;
    private int _videoError;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Parameter, EditorRequired] public StreamTimeline Timeline { get; set; } = default!;

    /// <summary>Signed URL of the source video (served with range requests); null when there is none yet.</summary>
    [Parameter] public string? VideoUrl { get; set; }

    /// <summary>
    /// Where the player starts, in seconds (the page's <c>t</c>), instead of the open highlight's start; the browser
    /// side keeps the address on the open highlight and the player's second as they change, so a reload (a node gone
    /// away, the browser's button) or a link sent to someone opens the same moment.
    /// </summary>
    [Parameter] public double? StartAt { get; set; }

    /// <summary>
    /// An unsaved trim the page's address kept (<see cref="TrimDraft.Address"/>, the page's <c>trim</c>): taken back
    /// on the highlight the page opens with, so a reload does not lose an editor's work.
    /// </summary>
    [Parameter] public string? StartTrim { get; set; }

    [Parameter] public IReadOnlyList<HighlightRow> Highlights { get; set; } = [];

    /// <summary>The highlight being trimmed.</summary>
    [Parameter] public HighlightRow? Selected { get; set; }

    /// <summary>
    /// <see cref="Selected"/> was opened by the page (new rows came in), not picked by the editor: it moves the player
    /// to itself only while the editor has not moved the player (played, sought, a chat line's time), so a detection
    /// ending while the editor watches a moment or lines up the chat leaves the player there.
    /// </summary>
    [Parameter] public bool SelectedByPage { get; set; }

    [Parameter] public EventCallback<int> OnSelect { get; set; }

    [Parameter] public double MinTrimSeconds { get; set; } = 1;

    /// <summary>How the next cut will be made: only a stream copy can start before the in-point.</summary>
    [Parameter] public CutMode Mode { get; set; }

    [Parameter] public EventCallback<TrimSave> OnSave { get; set; }

    [Parameter] public EventCallback<int> OnResetTrim { get; set; }

    /// <summary>D on the seekbar or a handle: the open highlight is dismissed (the page opens the next one).</summary>
    [Parameter] public EventCallback<int> OnDismiss { get; set; }

    /// <summary>An editor marks a new highlight at the playhead (its second): a moment detection missed.</summary>
    [Parameter] public EventCallback<double> OnMark { get; set; }

    /// <summary>How far before the playhead a marked highlight starts (Editor:NewHighlightLeadSeconds), for the tooltip.</summary>
    [Parameter] public double LeadSeconds { get; set; }

    /// <summary>An editor asked for a browser copy of a source this browser cannot play.</summary>
    [Parameter] public EventCallback OnMakeBrowserCopy { get; set; }

    /// <summary>The percent of the stream's browser copy job while one runs; null otherwise.</summary>
    [Parameter] public double? MakingBrowserCopy { get; set; }

    /// <summary>Export:BrowserCopy's height, for the offer.</summary>
    [Parameter] public int BrowserCopyHeight { get; set; } = 540;

    /// <summary>What the copy would take of the account's space (its quota reservation).</summary>
    [Parameter] public long BrowserCopyBytes { get; set; }

    /// <summary>For viewers: play and preview only; no handles, no trim buttons.</summary>
    [Parameter] public bool ReadOnly { get; set; }

    /// <summary>Told the player's second as it moves, and takes seeks from beside the player (the chat's lines).</summary>
    [Parameter] public PlayerClock? Clock { get; set; }

    private bool HasKeyframes => Timeline.Media is { Keyframes.Length: > 0 };

    /// <summary>A moment can be marked where the player is: only with a video to place the playhead.</summary>
    private bool CanMark => !ReadOnly && VideoUrl is not null && OnMark.HasDelegate;

    private TimelineScale MinimapScale => new(0, Math.Max(Timeline.DurationSeconds, 1), _minimapWidth);

    private GhostMarker? Ghost => _trim.Range is { } d && Mode == CutMode.Copy ? GhostMarker.For(d.Start, Timeline.Media) : null;

    protected override void OnParametersSet()
    {
        _seekToDraft |= _trim.Select(Selected, Timeline, MinTrimSeconds) && !(SelectedByPage && _playerMoved);

        // Once, on the highlight the page opens with: a later selection starts from what is stored.
        if (_trimPending && Selected is not null)
        {
            _trimPending = false;
            if (!ReadOnly)
            {
                _trim.Restore(StartTrim);
            }
        }
    }

    /// <summary>The code the browser side reports for a video that loaded without a picture it can show.</summary>
    private const int NoPicture = 100;

    /// <summary>Why the player shows nothing, for the video it failed on (a new URL, e.g. a new source, plays again).</summary>
    private string? VideoProblem => _failedUrl is not null && _failedUrl == VideoUrl
        ? _videoError switch
        {
            2 => "The source video stopped loading (network error). Reload the page to try again.",
            3 => "This browser could not decode the source video.",
            NoPicture => $"This browser plays the source's sound but cannot show its picture ({Describe(Timeline.Source)}): it has no decoder for that codec here (HEVC needs hardware decoding in Chrome and Edge, or Safari).",
            _ => $"This browser cannot play the source video ({Describe(Timeline.Source)}), or its link expired: reload the page to try again.",
        } + " The timeline, trims, cuts and exports work without it."
        : null;

    /// <summary>Video codecs every current browser decodes in software: a source in one of them that fails is missing, not unplayable.</summary>
    private static readonly HashSet<string> BrowserCodecs = new(StringComparer.OrdinalIgnoreCase) { "h264", "vp8", "vp9", "av1" };

    /// <summary>
    /// The player cannot show the source's picture and a copy would: it failed to decode, played without a picture, or
    /// refused a codec browsers lack (the same refusal for a missing file in a browser codec is not offered a copy).
    /// </summary>
    private bool CanMakeBrowserCopy =>
        !ReadOnly && Timeline.Source is { BrowserCopy: null } source
        && (_videoError is 3 or NoPicture || (_videoError == 4 && !BrowserCodecs.Contains(source.VideoCodec ?? "")));

    private string ReplacedText => Selected?.TrimmedBy is { } by
        ? $"{by} saved new bounds: your unsaved trim was replaced"
        : "new bounds were saved meanwhile: your unsaved trim was replaced";

    private static string Describe(TimelineSource? source) =>
        $"{source?.VideoCodec ?? "unknown codec"} in {Path.GetExtension(source?.StorageKey ?? "").TrimStart('.').ToUpperInvariant()}";

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            _self = DotNetObjectReference.Create(this);
            await _module.InvokeVoidAsync("attach", _root, _self);
            Clock?.Attach(seconds => _module.InvokeVoidAsync("seek", _root, seconds).AsTask());
        }

        // The start asked for wins over the seek to the highlight the page opens with, also when that one comes in a later render.
        if (_startPending && StartAt is { } at && _module is not null)
        {
            _seekToDraft = false;
            _startPending = Selected is null && Highlights.Count > 0;
            if (!_started)
            {
                _started = true;
                _pageSeekAt = Math.Clamp(at, 0, Timeline.DurationSeconds);
                await _module.InvokeVoidAsync("seek", _root, _pageSeekAt);
            }
        }
        else if (_seekToDraft && _trim.Range is { } draft && _module is not null)
        {
            _seekToDraft = false;
            _pageSeekAt = draft.Start;
            await _module.InvokeVoidAsync("seek", _root, draft.Start);
        }
    }

    /// <summary>A handle was dropped after a drag; the browser moved it live, this applies the rules (clamp, snap).</summary>
    [JSInvokable]
    public void OnHandleDropped(string handle, double seconds)
    {
        if (_trim.Range is not null)
        {
            _trim.Move(handle == "in" ? TrimHandle.In : TrimHandle.Out, seconds);
            StateHasChanged();
        }
    }

    /// <summary>The player gave up on the source (MediaError code: 2 network, 3 decode, 4 format or address).</summary>
    [JSInvokable]
    public void OnVideoError(string url, int code)
    {
        (_failedUrl, _videoError) = (url, code);
        StateHasChanged();
    }

    /// <summary>The player reached another whole second (it plays, or was sought).</summary>
    [JSInvokable]
    public void OnPlayerSecond(double seconds)
    {
        _playerMoved |= Math.Abs(seconds - _pageSeekAt) >= 1;
        Clock?.Move(seconds);
    }

    /// <summary>The tracks' measured widths, on first render and whenever they change.</summary>
    [JSInvokable]
    public void OnResized(double minimapWidth, double trackWidth)
    {
        _minimapWidth = minimapWidth > 0 ? minimapWidth : _minimapWidth;
        _trim.Resize(trackWidth);
        StateHasChanged();
    }


    private async Task SaveAsync()
    {
        if (Selected is not null && _trim.Range is { } draft && _trim.Dirty)
        {
            var save = new TrimSave(Selected.Id, draft);
            await OnSave.InvokeAsync(save);

            // The refused save put the row back, which reset the draft to the stored bounds: keep the editor's work.
            if (save.Refused && Selected?.Id == save.HighlightId)
            {
                _trim.KeepUnsaved(draft);
            }
        }
    }

    private async Task OnShortcutAsync(KeyboardEventArgs e)
    {
        switch (e.Key)
        {
            case "i" or "I":
                await SetAtPlayheadAsync(TrimHandle.In);
                break;
            case "o" or "O":
                await SetAtPlayheadAsync(TrimHandle.Out);
                break;
            case " ":
                await TogglePlayAsync();
                break;
            case "n" or "N":
                await StepAsync(+1);
                break;
            case "p" or "P":
                await StepAsync(-1);
                break;
            case "d" or "D" when Selected is { Dismissed: false } open && !ReadOnly:
                await OnDismiss.InvokeAsync(open.Id);
                break;
            case "a" or "A" when CanMark:
                await MarkAtPlayheadAsync();
                break;
        }
    }

    /// <summary>Opens the next (or previous) highlight in rank order, so a stream is reviewed from the keyboard.</summary>
    private async Task StepAsync(int direction)
    {
        var order = Highlights.Where(h => !h.Dismissed || h.Id == Selected?.Id).ToList();
        var at = order.FindIndex(h => h.Id == Selected?.Id);
        var next = at < 0 ? (direction > 0 ? 0 : order.Count - 1) : at + direction;
        if (next >= 0 && next < order.Count)
        {
            await OnSelect.InvokeAsync(order[next].Id);
        }
    }

    private async Task SetAtPlayheadAsync(TrimHandle handle)
    {
        if (_trim.Range is not null && _module is not null)
        {
            _trim.Move(handle, await _module.InvokeAsync<double>("currentTime", _root));
        }
    }

    private async Task MarkAtPlayheadAsync()
    {
        if (_module is not null)
        {
            await OnMark.InvokeAsync(await _module.InvokeAsync<double>("currentTime", _root));
        }
    }

    private async Task TogglePlayAsync()
    {
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("togglePlay", _root);
        }
    }

    /// <summary>Plays exactly the trimmed range: from the in-point, pausing at the out-point.</summary>
    private async Task PreviewAsync()
    {
        if (_trim.Range is { } draft && _module is not null)
        {
            await _module.InvokeVoidAsync("playRange", _root, draft.Start, draft.End);
        }
    }

    /// <summary>Plays a highlight's range from the table's preview action.</summary>
    public async Task PreviewAsync(double start, double end)
    {
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("playRange", _root, start, end);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Clock?.Detach();
        try
        {
            if (_module is not null)
            {
                await _module.InvokeVoidAsync("detach", _root);
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone (tab closed): the browser already dropped the listeners with the page.
        }

        _self?.Dispose();
    }
}
