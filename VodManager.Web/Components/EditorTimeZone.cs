using System.Globalization;
using VodManager.Core.Streams;

namespace VodManager.Web.Components;

/// <summary>
/// The editor's time zone, as their browser names it, for every date a page shows and every date a form reads: the
/// server's own zone is nobody's (a stream started at 20:00 in Los Angeles read "04:00" on a UTC server). Every page
/// load writes the browser's zone into a cookie (App.razor), which the next request's circuit starts with; until a
/// browser has sent it once, dates are UTC and say so.
/// </summary>
public sealed class EditorTimeZone
{
    public const string CookieName = "vodmanager-tz";

    private const string DateFormat = "yyyy-MM-dd HH:mm";

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>False until the browser named its zone: dates are then UTC and marked as such.</summary>
    public bool Known { get; private set; }

    /// <summary>What a form's date field is labelled with: the zone its value is in.</summary>
    public string Name => Known ? Zone.Id : "UTC";

    /// <summary>Takes the browser's IANA zone name; an unknown or missing one leaves UTC.</summary>
    public void Use(string? zoneId)
    {
        if (!string.IsNullOrWhiteSpace(zoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
        {
            (Zone, Known) = (zone, true);
        }
    }

    /// <summary>"2026-12-04 20:17" in the editor's zone ("… UTC" while it is not known).</summary>
    public string Date(DateTime utc) => ToLocal(utc).ToString(DateFormat, CultureInfo.InvariantCulture) + (Known ? "" : " UTC");

    /// <summary>When the stream started, or that no one has said yet (its start is only when it was made).</summary>
    public string Start(StreamSummary stream) => stream.StartAssumed ? "start not known yet" : Date(stream.StartedAt);

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>A wall-clock time the editor typed, in UTC; null for one the zone skips (the hour clocks go forward).</summary>
    public DateTime? ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return Zone.IsInvalidTime(unspecified) ? null : TimeZoneInfo.ConvertTimeToUtc(unspecified, Zone);
    }
}
