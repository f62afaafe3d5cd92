namespace VodManager.Web.Components.Timeline;

/// <summary>
/// How trim handles may move: inside the stream, never closer than the minimum length to each other, and onto
/// keyframes when snapping is on. Every way of moving a handle (drag, arrow keys, I/O at the playhead) goes through here.
/// </summary>
public sealed class TrimRules
{
    /// <summary>An arrow key's nudge in seconds; with Shift, <see cref="LargeStep"/>.</summary>
    public const double Step = 0.1;
    public const double LargeStep = 1;

    public TrimRules(double duration, double minLength, IReadOnlyList<double> keyframes, bool snap)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(duration);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minLength);
        Duration = duration;
        MinLength = Math.Min(minLength, duration);
        Keyframes = keyframes;
        Snap = snap && keyframes.Count > 0;
    }

    public double Duration { get; }

    public double MinLength { get; }

    public IReadOnlyList<double> Keyframes { get; }

    /// <summary>True when snapping is asked for and there are keyframes to snap to.</summary>
    public bool Snap { get; }

    /// <summary>Where a handle may go given where the other one is.</summary>
    public (double Min, double Max) Limits(TrimRange range, TrimHandle handle) => handle == TrimHandle.In
        ? (0, Math.Max(0, range.End - MinLength))
        : (Math.Min(Duration, range.Start + MinLength), Duration);

    /// <summary>Pulls a range from elsewhere (detected bounds past the end, an old trim) inside the rules.</summary>
    public TrimRange Normalize(TrimRange range)
    {
        var start = Math.Clamp(range.Start, 0, Duration - MinLength);
        var end = Math.Clamp(range.End, start + MinLength, Duration);
        return new TrimRange(Round(start), Round(end));
    }

    /// <summary>Puts a handle at a time (a drop, I/O at the playhead, Home/End): clamped, then snapped to the nearest keyframe inside the limits.</summary>
    public TrimRange Move(TrimRange range, TrimHandle handle, double seconds)
    {
        var (min, max) = Limits(range, handle);
        var target = Math.Clamp(seconds, min, max);
        if (Snap && KeyframeSearch.Nearest(Keyframes, target, min, max) is { } keyframe)
        {
            target = keyframe;
        }

        return range.With(handle, Round(target));
    }

    /// <summary>
    /// An arrow key: 0.1 s (1 s with Shift) that way, clamped. With snapping on, the handle goes to the first keyframe
    /// at least that far that way, and stays put when there is none before the limit.
    /// </summary>
    public TrimRange Nudge(TrimRange range, TrimHandle handle, int direction, bool large)
    {
        var (min, max) = Limits(range, handle);
        var target = range[handle] + Math.Sign(direction) * (large ? LargeStep : Step);
        if (!Snap)
        {
            return range.With(handle, Round(Math.Clamp(target, min, max)));
        }

        var keyframe = direction > 0
            ? KeyframeSearch.FirstAtOrAfter(Keyframes, target, min, max)
            : KeyframeSearch.LastAtOrBefore(Keyframes, target, min, max);
        return keyframe is { } k ? range.With(handle, Round(k)) : range;
    }

    // Millisecond precision: float noise from pixels must not show up as 12.300000001 in the saved bounds.
    private static double Round(double seconds) => Math.Round(seconds, 3);
}
