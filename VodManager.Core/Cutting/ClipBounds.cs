using System.Globalization;

namespace VodManager.Core.Cutting;

/// <summary>A range of the source in seconds, already clamped and checked.</summary>
public readonly record struct ClipBounds(double Start, double End)
{
    public double Duration => End - Start;

    public override string ToString() => $"{Clock(Start)}–{Clock(End)}";

    /// <summary>h:mm:ss.f, the way the editor shows times.</summary>
    public static string Clock(double seconds) =>
        TimeSpan.FromSeconds(Math.Max(0, seconds)).ToString(seconds >= 3600 ? @"h\:mm\:ss\.f" : @"m\:ss\.f", CultureInfo.InvariantCulture);
}
