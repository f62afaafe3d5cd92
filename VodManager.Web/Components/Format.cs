using System.Globalization;
using VodManager.Core.Cutting;

namespace VodManager.Web.Components;

/// <summary>How the editor writes times and sizes.</summary>
public static class Format
{
    /// <summary>1:02:03 or 2:03 for a duration or a position in the stream.</summary>
    public static string Clock(double? seconds)
    {
        if (seconds is not { } s || double.IsNaN(s))
        {
            return "–";
        }

        var t = TimeSpan.FromSeconds(Math.Max(0, s));
        return t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>Clock with tenths, for trim bounds.</summary>
    public static string ClockPrecise(double seconds) => ClipBounds.Clock(seconds);

    /// <summary>"86%" for 0.86 (the invariant culture would write "86 %").</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
