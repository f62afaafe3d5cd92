using System.Globalization;

namespace VodManager.Core;

public static class Strings
{
    /// <summary>At most <paramref name="max"/> characters, cut without a mark: for values stored in a column of that size.</summary>
    public static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    /// <summary>At most <paramref name="max"/> characters, then "…" when something was cut: for quoting input in a message.</summary>
    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";

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

    private static string Count(double value, string unit) => string.Create(CultureInfo.InvariantCulture, $"{value:0} {unit}");
}
