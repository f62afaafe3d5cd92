namespace VodManager.Core.Detection;

/// <summary>
/// The labelled-highlight metric of the Lightor paper (so figures compare with published ones): a highlight is right
/// when its start lies in [moment.start − <see cref="EarlySeconds"/>, moment.end] of a labelled moment.
/// </summary>
public static class HighlightMetric
{
    public const double EarlySeconds = 10;

    public static bool IsRight(double start, (double Start, double End) moment) =>
        moment.Start - EarlySeconds <= start && start <= moment.End;
}
