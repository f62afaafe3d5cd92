using System.Globalization;
using System.Text.RegularExpressions;
using TimeZoneConverter;

namespace VodManager.Core.Ingest;

/// <summary>
/// The UTC offset of a chat client's clock from the zone its log names beside a local time: an offset ("UTC+01:00",
/// "GMT-5", "+0200"), a common abbreviation as Qt prints it on Linux and macOS ("CEST", "EDT"), or a Windows zone name as
/// Qt prints it there ("W. Europe Daylight Time"). Abbreviations that name several zones (CST, IST) are not guessed.
/// </summary>
internal static partial class LogTimeZone
{
    private static readonly Dictionary<string, double> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["WET"] = 0, ["WEST"] = 1, ["BST"] = 1, ["CET"] = 1, ["CEST"] = 2, ["MEZ"] = 1, ["MESZ"] = 2,
        ["EET"] = 2, ["EEST"] = 3, ["MSK"] = 3, ["EST"] = -5, ["EDT"] = -4, ["CDT"] = -5, ["MST"] = -7, ["MDT"] = -6,
        ["PST"] = -8, ["PDT"] = -7, ["AKST"] = -9, ["AKDT"] = -8, ["HST"] = -10, ["NST"] = -3.5, ["NDT"] = -2.5, ["AST"] = -4, ["ADT"] = -3,
        ["BRT"] = -3, ["ART"] = -3, ["JST"] = 9, ["KST"] = 9, ["HKT"] = 8, ["SGT"] = 8, ["AWST"] = 8, ["ACST"] = 9.5,
        ["ACDT"] = 10.5, ["AEST"] = 10, ["AEDT"] = 11, ["NZST"] = 12, ["NZDT"] = 13,
    };

    /// <param name="zone">The zone as the log names it.</param>
    /// <param name="local">A local time in that zone (a Windows zone's offset depends on the date).</param>
    /// <returns>The zone's offset from UTC, or null when the name is not one of the forms above.</returns>
    public static TimeSpan? OffsetAt(string zone, DateTime local)
    {
        zone = zone.Trim();
        if (Offset().Match(zone) is { Success: true } offset)
        {
            var hours = int.Parse(offset.Groups["h"].Value, CultureInfo.InvariantCulture);
            var minutes = offset.Groups["m"].Success ? int.Parse(offset.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
            return hours > 14 || minutes > 59 ? null : (offset.Groups["sign"].Value == "-" ? -1 : 1) * new TimeSpan(hours, minutes, 0);
        }

        if (Abbreviations.TryGetValue(zone, out var known))
        {
            return TimeSpan.FromHours(known);
        }

        // Windows names a zone's summer clock "… Daylight Time" or "… Summer Time"; its id is the "… Standard Time".
        // TimeZoneConverter maps it to the IANA zone this machine has (the invariant globalization has no ICU to ask).
        var id = WindowsSummer().Replace(zone, " Standard Time");
        return id.EndsWith(" Standard Time", StringComparison.Ordinal) && TZConvert.TryGetTimeZoneInfo(id, out var windows)
            ? windows.GetUtcOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified))
            : null;
    }

    [GeneratedRegex(@"^(?:UTC|GMT)?(?<sign>[+-])(?<h>\d{1,2})(?::?(?<m>\d{2}))?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Offset();

    [GeneratedRegex(@" (?:Daylight|Summer) Time$", RegexOptions.CultureInvariant)]
    private static partial Regex WindowsSummer();
}
