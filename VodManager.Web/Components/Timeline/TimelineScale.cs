using System.Globalization;

namespace VodManager.Web.Components.Timeline;

/// <summary>
/// Maps stream time to a track's horizontal position and back. Tracks place things in percent (so they stay right
/// while the page resizes); the measured pixel width decides what fits, such as how dense the ruler can be.
/// </summary>
public readonly record struct TimelineScale
{
    public TimelineScale(double start, double end, double width)
    {
        if (!(end > start))
        {
            throw new ArgumentException($"A timeline must end after it starts ({start} → {end}).", nameof(end));
        }

        Start = start;
        End = end;
        Width = width > 0 ? width : throw new ArgumentOutOfRangeException(nameof(width), width, "A timeline needs a positive width.");
    }

    public double Start { get; }

    public double End { get; }

    /// <summary>The track's width in CSS pixels.</summary>
    public double Width { get; }

    public double Span => End - Start;

    public double PixelsPerSecond => Width / Span;

    public double ToPixel(double seconds) => (seconds - Start) * PixelsPerSecond;

    /// <summary>The time under a pixel, kept on the track.</summary>
    public double ToSeconds(double pixel) => Math.Clamp(Start + pixel / PixelsPerSecond, Start, End);

    /// <summary>0..100 along the track (outside that range when the time is off the track).</summary>
    public double ToPercent(double seconds) => (seconds - Start) / Span * 100;

    /// <summary>A CSS length for <c>left</c>/<c>width</c>, invariant so a comma locale never breaks the style.</summary>
    public static string Css(double percent) => percent.ToString("0.###", CultureInfo.InvariantCulture) + "%";

    public string Left(double seconds) => Css(ToPercent(seconds));

    public string WidthOf(double from, double to) => Css(Math.Max(0, to - from) / Span * 100);

    /// <summary>
    /// Where to draw a range at least <paramref name="minPixels"/> wide: widened about its middle and kept on the
    /// track. On a 7-hour stream a minute's highlight is two pixels, too narrow to click or to show its number.
    /// </summary>
    public (double Start, double End) AtLeast(double from, double to, double minPixels)
    {
        var min = Math.Min(minPixels / PixelsPerSecond, Span);
        if (to - from >= min)
        {
            return (from, to);
        }

        var start = Math.Clamp((from + to - min) / 2, Start, End - min);
        return (start, start + min);
    }

    /// <summary>
    /// Where to draw ranges side by side: each <see cref="AtLeast"/> <paramref name="minPixels"/> wide where there is
    /// room, but never wider than the distance to the nearest other range's middle, so no widened range covers the
    /// middle of another, where a click opens it.
    /// </summary>
    public IReadOnlyList<(double Start, double End)> Widened(IReadOnlyList<(double Start, double End)> ranges, double minPixels)
    {
        var middles = ranges.Select(r => (r.Start + r.End) / 2).ToArray();
        var sorted = middles.Order().ToArray();
        var drawn = new List<(double Start, double End)>(ranges.Count);
        for (var i = 0; i < ranges.Count; i++)
        {
            var at = Array.BinarySearch(sorted, middles[i]);
            var room = Math.Min(at > 0 ? middles[i] - sorted[at - 1] : double.PositiveInfinity, at < sorted.Length - 1 ? sorted[at + 1] - middles[i] : double.PositiveInfinity);
            drawn.Add(AtLeast(ranges[i].Start, ranges[i].End, Math.Min(minPixels, room * PixelsPerSecond)));
        }

        return drawn;
    }

    public bool Contains(double seconds) => seconds >= Start && seconds <= End;

    /// <summary>
    /// The window a trim track shows around a range: the range plus half its length (at least 5 s) each side, kept
    /// inside the stream, so a handle can be dragged out a fair way before the window must move.
    /// </summary>
    public static TimelineScale Around(TrimRange range, double duration, double width)
    {
        var pad = Math.Max(5, range.Length / 2);
        var start = Math.Max(0, range.Start - pad);
        var end = Math.Min(duration, range.End + pad);
        return end > start ? new TimelineScale(start, end, width) : new TimelineScale(0, Math.Max(duration, 1), width);
    }

    /// <summary>True when a range has come close enough to this window's edge that the window should move.</summary>
    public bool Crowds(TrimRange range) => range.Start < Start + Span * 0.05 || range.End > End - Span * 0.05;
}
