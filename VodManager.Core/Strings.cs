using System.Globalization;

namespace VodManager.Core;

public static class Strings
{
    /// <summary>At most <paramref name="max"/> characters, cut without a mark: for values stored in a column of that size.</summary>
    public static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    /// <summary>At most <paramref name="max"/> characters, then "…" when something was cut: for quoting input in a message.</summary>
    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    /// <summary>"a, b, c and 2 more": the first <paramref name="shown"/> items and how many more.</summary>
    public static string FirstOf(IReadOnlyCollection<string> items, int shown) =>
        string.Join(", ", items.Take(shown)) + (items.Count > shown ? $" and {items.Count - shown} more" : "");

    /// <summary>A setting's span in words, to the unit that reads best: "12 hours", "a day", "90 seconds".</summary>
    public static string Span(TimeSpan span) => span switch
    {
        { TotalDays: >= 2 } t when t.TotalDays % 1 == 0 => Count(t.TotalDays, "days"),
        { TotalDays: 1 } => "a day",
        { TotalHours: >= 2 } t when t.TotalHours % 1 == 0 => Count(t.TotalHours, "hours"),
        { TotalHours: 1 } => "an hour",
        { TotalMinutes: >= 2 } t => Count(Math.Round(t.TotalMinutes), "minutes"),
        { TotalMinutes: >= 1 } => "a minute",
        { TotalSeconds: >= 2 } t => Count(Math.Round(t.TotalSeconds), "seconds"),
        _ => "a second",
    };

    /// <summary>How far apart two times are, in the two largest units: "6 days 2 hours", "3 hours 5 minutes", "12 minutes".</summary>
    public static string Apart(TimeSpan span) => span switch
    {
        { TotalDays: >= 30 } t => Count(t.Days, "day"),
        { TotalDays: >= 1 } t => Two(t.Days, "day", t.Hours, "hour"),
        { TotalHours: >= 1 } t => Two(t.Hours, "hour", t.Minutes, "minute"),
        _ => Count(Math.Max(1, (int)Math.Round(span.TotalMinutes)), "minute"),
    };

    private static string Two(int larger, string largerUnit, int smaller, string smallerUnit) =>
        smaller == 0 ? Count(larger, largerUnit) : $"{Count(larger, largerUnit)} {Count(smaller, smallerUnit)}";

    private static string Count(int value, string unit) => string.Create(CultureInfo.InvariantCulture, $"{value} {unit}{(value == 1 ? "" : "s")}");

    private static string Count(double value, string unit) => string.Create(CultureInfo.InvariantCulture, $"{value:0} {unit}");
}
