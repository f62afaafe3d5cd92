using VodManager.Core.Data.Entities;

namespace VodManager.Core.Cutting;

/// <summary>
/// Which part of the source a highlight's clip covers: the editor's trim, else the refined bounds, else the detected
/// ones; clamped to the source and checked against the minimum length before ffmpeg ever runs, because a start past
/// the end once produced an empty "clip" that still became a VOD.
/// </summary>
public static class ClipBoundsResolver
{
    public static ClipBounds Resolve(Highlight highlight, double sourceDuration, double minSeconds)
    {
        var (start, end) = highlight.EffectiveBounds;
        var which = highlight.TrimStart is not null && highlight.TrimEnd is not null ? "trimmed"
            : highlight.RefinedStart is not null && highlight.RefinedEnd is not null ? "refined" : "detected";
        if (double.IsNaN(start) || double.IsNaN(end) || end <= start)
        {
            throw new CutException($"The highlight's {which} bounds are empty or reversed (start {ClipBounds.Clock(start)}, end {ClipBounds.Clock(end)}); trim it to a real range.");
        }

        if (sourceDuration <= 0)
        {
            throw new CutException("The source video's duration is unknown, so the highlight cannot be placed in it; re-import the source.");
        }

        if (start >= sourceDuration)
        {
            throw new CutException($"The highlight starts at {ClipBounds.Clock(start)} but the source video is only {ClipBounds.Clock(sourceDuration)} long.");
        }

        var clamped = new ClipBounds(Math.Max(0, start), Math.Min(end, sourceDuration));
        if (clamped.Duration < minSeconds)
        {
            throw new CutException(
                $"The highlight's {which} range {clamped} is {clamped.Duration:0.##} s long inside the source, shorter than the minimum clip of {minSeconds:0.##} s (Cutting:MinClipSeconds).");
        }

        return clamped;
    }
}
