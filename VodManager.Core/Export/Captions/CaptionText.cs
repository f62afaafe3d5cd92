using System.Text;

namespace VodManager.Core.Export.Captions;

/// <summary>
/// Text cleaning and word wrapping shared by the caption builders, in columns: a CJK character or an emoji is as wide
/// as two Latin ones, and a character is never split (an emoji is two UTF-16 units).
/// </summary>
public static class CaptionText
{
    /// <summary>
    /// One line of plain text: whitespace collapsed, control characters and emoji joiners dropped, and what no installed
    /// font can draw (<paramref name="glyphs"/>) dropped rather than drawn as boxes.
    /// </summary>
    public static string Clean(string text, GlyphCoverage glyphs)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
            {
                space = builder.Length > 0;
                continue;
            }

            if (rune.Value is 0xFE0F or 0x200D || rune == Rune.ReplacementChar || !glyphs.CanDraw(rune))
            {
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }

    /// <summary>How many columns the text takes.</summary>
    public static int Columns(string text) => text.EnumerateRunes().Sum(GlyphCoverage.Columns);

    /// <summary>Greedy word wrap to at most <paramref name="maxColumns"/> per line; a longer word (or a CJK sentence, which has no spaces) is split.</summary>
    public static List<string> Wrap(string text, int maxColumns)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        var lineColumns = 0;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = word;
            while (Columns(rest) > maxColumns)
            {
                Flush();
                var head = Head(rest, maxColumns);
                lines.Add(head);
                rest = rest[head.Length..];
            }

            var columns = Columns(rest);
            if (lineColumns > 0 && lineColumns + 1 + columns > maxColumns)
            {
                Flush();
            }

            if (lineColumns > 0)
            {
                line.Append(' ');
                lineColumns++;
            }

            line.Append(rest);
            lineColumns += columns;
        }

        Flush();
        return lines;

        void Flush()
        {
            if (line.Length > 0)
            {
                lines.Add(line.ToString());
                line.Clear();
                lineColumns = 0;
            }
        }
    }

    /// <summary>The text cut to <paramref name="maxColumns"/>, with an ellipsis when something was cut.</summary>
    public static string Truncate(string text, int maxColumns) =>
        Columns(text) <= maxColumns ? text : Head(text, Math.Max(1, maxColumns - 1)).TrimEnd() + "…";

    /// <summary>The longest start of the text that fits the columns (at least one character).</summary>
    private static string Head(string text, int maxColumns)
    {
        var (units, columns) = (0, 0);
        foreach (var rune in text.EnumerateRunes())
        {
            columns += GlyphCoverage.Columns(rune);
            if (columns > maxColumns && units > 0)
            {
                break;
            }

            units += rune.Utf16SequenceLength;
        }

        return text[..units];
    }
}
