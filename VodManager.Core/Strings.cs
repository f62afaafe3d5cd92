namespace VodManager.Core;

public static class Strings
{
    /// <summary>At most <paramref name="max"/> characters, cut without a mark: for values stored in a column of that size.</summary>
    public static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    /// <summary>At most <paramref name="max"/> characters, then "…" when something was cut: for quoting input in a message.</summary>
    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
