using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace VodManager.Web.Components.Timeline;

/// <summary>
/// A zoomed track around the selected highlight with its two trim handles: sliders for the keyboard (this class) and
/// draggable with mouse or touch (ReplayView.razor.js moves them live and reports only the drop). Never writes its
/// own <see cref="Range"/>: every change goes out through <see cref="RangeChanged"/>.
/// </summary>
public sealed partial class TrimTrack
{
    private static readonly TrimHandle[] Handles = [TrimHandle.In, TrimHandle.Out];

    // The label's 8 px offset from the handle and its padding, and a tabular digit at 11 px, rounded up (TrimTrack.razor.css).
    private const double LabelOffsetPixels = 16;
    private const double LabelCharPixels = 7;

    /// <summary>The window of the stream this track shows.</summary>
    [Parameter, EditorRequired] public TimelineScale Scale { get; set; }

    [Parameter, EditorRequired] public TrimRange Range { get; set; }

    [Parameter] public EventCallback<TrimRange> RangeChanged { get; set; }

    [Parameter, EditorRequired] public TrimRules Rules { get; set; } = default!;

    /// <summary>Where a stream-copy cut of <see cref="Range"/> would really start; null when keyframes are unknown.</summary>
    [Parameter] public GhostMarker? Ghost { get; set; }

    /// <summary>What the handles trim, for their accessible names ("highlight #3").</summary>
    [Parameter] public string Label { get; set; } = "the highlight";

    /// <summary>A key the replay view handles whichever control has focus: I, O, Space.</summary>
    [Parameter] public EventCallback<KeyboardEventArgs> OnShortcut { get; set; }

    /// <summary>Enter on a handle: save the trim.</summary>
    [Parameter] public EventCallback OnSave { get; set; }

    private IEnumerable<double> VisibleKeyframes => Rules.Keyframes.Where(Scale.Contains);

    public static string HandleName(TrimHandle handle) => handle == TrimHandle.In ? "in" : "out";

    /// <summary>
    /// A handle's time label sits outside the range, left of In and right of Out; with a handle at the track's edge (a
    /// highlight at the very start or end of the stream) that would be off the page, so there it goes inside.
    /// </summary>
    private string LabelInside(TrimHandle handle, double value)
    {
        var room = handle == TrimHandle.In ? Scale.ToPixel(value) : Scale.Width - Scale.ToPixel(value);
        return room < LabelOffsetPixels + Format.ClockPrecise(value).Length * LabelCharPixels ? "inside" : "";
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e, TrimHandle handle)
    {
        if (e.CtrlKey || e.AltKey || e.MetaKey)
        {
            return;
        }

        switch (e.Key)
        {
            case "ArrowLeft" or "ArrowDown":
                await ChangeAsync(Rules.Nudge(Range, handle, -1, e.ShiftKey));
                break;
            case "ArrowRight" or "ArrowUp":
                await ChangeAsync(Rules.Nudge(Range, handle, +1, e.ShiftKey));
                break;
            case "Home":
                await ChangeAsync(Rules.Move(Range, handle, Rules.Limits(Range, handle).Min));
                break;
            case "End":
                await ChangeAsync(Rules.Move(Range, handle, Rules.Limits(Range, handle).Max));
                break;
            case "Enter":
                await OnSave.InvokeAsync();
                break;
            default:
                await OnShortcut.InvokeAsync(e);
                break;
        }
    }

    private async Task ChangeAsync(TrimRange range)
    {
        if (range != Range)
        {
            await RangeChanged.InvokeAsync(range);
        }
    }

    private static string Invariant(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
