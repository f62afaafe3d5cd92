using System.Text;

namespace VodManager.Core.Export.Captions;

/// <summary>Text cleaning and word wrapping shared by the caption builders.</summary>
public static class CaptionText
{
    /// <summary>
    /// One line of plain text: whitespace collapsed, control characters dropped, and characters outside the Basic
    /// Multilingual Plane (emoji, mostly) dropped because the caption font has no glyphs for them and would draw boxes.
    /// </summary>
    public static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsSurrogate(c) || c == '\uFE0F' || c == '\u200D')
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Greedy word wrap to at most <paramref name="maxChars"/> per line; a longer word is split.</summary>
    public static List<string> Wrap(string text, int maxChars)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = word;
            while (rest.Length > maxChars)
            {
                Flush();
                lines.Add(rest[..maxChars]);
                rest = rest[maxChars..];
            }

            if (line.Length > 0 && line.Length + 1 + rest.Length > maxChars)
            {
                Flush();
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(rest);
        }

        Flush();
        return lines;

        void Flush()
        {
            if (line.Length > 0)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
        }
    }

    /// <summary>The text cut to <paramref name="maxChars"/>, with an ellipsis when something was cut.</summary>
    public static string Truncate(string text, int maxChars) =>
        text.Length <= maxChars ? text : text[..Math.Max(1, maxChars - 1)].TrimEnd() + "…";
}
