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

    /// <summary>
    /// A title as a download's file name on any editor's computer. The characters Windows refuses in a name (the
    /// server's own list, on Linux, is only '/' and NUL) become their full-width look-alikes, as yt-dlp writes them, so
    /// "3:20" stays readable instead of the browser's "3_20"; control characters go, and so do trailing dots.
    /// </summary>
    public static string FileName(string title, string extension)
    {
        var name = string.Concat(title.Where(c => !char.IsControl(c)).Select(c => FileNameLookAlikes.GetValueOrDefault(c, c))).Trim().TrimEnd('.');
        return (name.Length == 0 ? "clip" : name) + extension;
    }

    /// <summary>An export's file name: the clip's title and the export's profile.</summary>
    public static string ExportFileName(string clipTitle, string profile) => FileName(clipTitle, $" ({profile}).mp4");

    private static readonly Dictionary<char, char> FileNameLookAlikes = new()
    {
        [':'] = '：', ['?'] = '？', ['*'] = '＊', ['"'] = '＂', ['<'] = '＜', ['>'] = '＞', ['|'] = '｜', ['/'] = '⧸', ['\\'] = '⧹',
    };

    /// <summary>"86%" for 0.86 (the invariant culture would write "86 %").</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
