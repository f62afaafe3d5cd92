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
    private TrimRange? _draft;
    private (int Id, double Start, double End)? _basis;
    private TimelineScale? _window;
    private bool _snap = true;
    private bool _seekToDraft;
    private double _minimapWidth = 1000;
    private double _trackWidth = 1000;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Parameter, EditorRequired] public StreamTimeline Timeline { get; set; } = default!;

    /// <summary>Signed URL of the source video (served with range requests); null when there is none yet.</summary>
    [Parameter] public string? VideoUrl { get; set; }

    [Parameter] public IReadOnlyList<HighlightRow> Highlights { get; set; } = [];

    /// <summary>The highlight being trimmed.</summary>
    [Parameter] public HighlightRow? Selected { get; set; }

    [Parameter] public EventCallback<int> OnSelect { get; set; }

    [Parameter] public double MinTrimSeconds { get; set; } = 1;

    /// <summary>How the next cut will be made: only a stream copy can start before the in-point.</summary>
    [Parameter] public CutMode Mode { get; set; }

    [Parameter] public EventCallback<TrimSave> OnSave { get; set; }

    [Parameter] public EventCallback<int> OnResetTrim { get; set; }

    /// <summary>For viewers: play and preview only; no handles, no trim buttons.</summary>
    [Parameter] public bool ReadOnly { get; set; }

    private bool HasKeyframes => Timeline.Media is { Keyframes.Length: > 0 };

    private TrimRules Rules => new(Math.Max(Timeline.DurationSeconds, MinTrimSeconds), MinTrimSeconds, Timeline.Media?.Keyframes ?? [], _snap);

    private TimelineScale MinimapScale => new(0, Math.Max(Timeline.DurationSeconds, 1), _minimapWidth);

    private TimelineScale TrimScale => _window ?? TimelineScale.Around(_draft!.Value, Rules.Duration, _trackWidth);

    private GhostMarker? Ghost => _draft is { } d && Mode == CutMode.Copy ? GhostMarker.For(d.Start, Timeline.Media) : null;

    /// <summary>The stored bounds as the rules see them (pulled inside the stream).</summary>
    private TrimRange? SavedRange => _basis is { } b ? Rules.Normalize(new TrimRange(b.Start, b.End)) : null;

    private bool Dirty => _draft is not null && _draft != SavedRange;

    protected override void OnParametersSet()
    {
        if (Selected is null)
        {
            (_draft, _basis, _window) = (null, null, null);
            return;
        }

        // A new selection, or its saved bounds changed (saved here or by another editor): start from what is stored.
        var (start, end) = Selected.EffectiveBounds;
        if (_basis is not { } b || b.Id != Selected.Id || b.Start != start || b.End != end)
        {
            _seekToDraft = _basis?.Id != Selected.Id;
            _basis = (Selected.Id, start, end);
            _draft = Rules.Normalize(new TrimRange(start, end));
            _window = TimelineScale.Around(_draft.Value, Rules.Duration, _trackWidth);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            _self = DotNetObjectReference.Create(this);
            await _module.InvokeVoidAsync("attach", _root, _self);
        }

        if (_seekToDraft && _draft is { } draft && _module is not null)
        {
            _seekToDraft = false;
            await _module.InvokeVoidAsync("seek", _root, draft.Start);
        }
    }

    /// <summary>A handle was dropped after a drag; the browser moved it live, this applies the rules (clamp, snap).</summary>
    [JSInvokable]
    public void OnHandleDropped(string handle, double seconds)
    {
        if (_draft is not { } draft)
        {
            return;
        }

        OnDraftChanged(Rules.Move(draft, handle == "in" ? TrimHandle.In : TrimHandle.Out, seconds));
        StateHasChanged();
    }

    /// <summary>The tracks' measured widths, on first render and whenever they change.</summary>
    [JSInvokable]
    public void OnResized(double minimapWidth, double trackWidth)
    {
        _minimapWidth = minimapWidth > 0 ? minimapWidth : _minimapWidth;
        _trackWidth = trackWidth > 0 ? trackWidth : _trackWidth;
        if (_window is { } w)
        {
            _window = new TimelineScale(w.Start, w.End, _trackWidth);
        }

        StateHasChanged();
    }

    private void OnDraftChanged(TrimRange range)
    {
        _draft = range;

        // Move the window only when the range nears its edge, so the scale never shifts under a handle being nudged.
        if (_window is { } w && w.Crowds(range))
        {
            _window = TimelineScale.Around(range, Rules.Duration, _trackWidth);
        }
    }

    private void OnSnapChanged(bool snap) => _snap = snap;

    private void Revert()
    {
        _draft = SavedRange;
    }

    private async Task SaveAsync()
    {
        if (Selected is not null && _draft is { } draft && Dirty)
        {
            var save = new TrimSave(Selected.Id, draft);
            await OnSave.InvokeAsync(save);

            // The refused save put the row back, which reset the draft to the stored bounds: keep the editor's work.
            if (save.Refused && Selected?.Id == save.HighlightId)
            {
                _draft = draft;
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
        }
    }

    private async Task SetAtPlayheadAsync(TrimHandle handle)
    {
        if (_draft is { } draft && _module is not null)
        {
            var playhead = await _module.InvokeAsync<double>("currentTime", _root);
            OnDraftChanged(Rules.Move(draft, handle, playhead));
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
        if (_draft is { } draft && _module is not null)
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
