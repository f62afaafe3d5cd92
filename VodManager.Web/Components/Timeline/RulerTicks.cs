namespace VodManager.Web.Components.Timeline;

/// <summary>Picks a ruler step that reads well at the track's width: round numbers of seconds, labels never crowding.</summary>
public static class RulerTicks
{
    private static readonly double[] Steps = [0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];

    /// <summary>The tick times on a track, at the smallest step that keeps ticks <paramref name="minSpacingPx"/> apart.</summary>
    public static IReadOnlyList<double> For(TimelineScale scale, double minSpacingPx = 70)
    {
        var step = Steps.FirstOrDefault(s => s * scale.PixelsPerSecond >= minSpacingPx, Steps[^1]);
        var first = Math.Ceiling(scale.Start / step) * step;
        var ticks = new List<double>();
        for (var t = first; t <= scale.End + 1e-9; t += step)
        {
            ticks.Add(Math.Round(t, 3));
        }

        return ticks;
    }

    /// <summary>"start" or "end" for a label so close to an end of the track that centring it would cut it off.</summary>
    public static string Edge(double percent) => percent < 3 ? "start" : percent > 97 ? "end" : "";
}
