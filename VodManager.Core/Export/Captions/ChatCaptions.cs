using VodManager.Core.Data.Entities;

namespace VodManager.Core.Export.Captions;

/// <summary>
/// The chat-to-subtitles builder: the clip's chat as a rolling box of the latest messages. Each message stays for a
/// while; whenever one arrives or expires the box is redrawn as one cue holding the newest few, one line each, so
/// the lines never jump around the way separate overlapping cues would.
/// </summary>
public static class ChatCaptions
{
    /// <param name="clipStart">Where the clip starts in the stream (seconds).</param>
    /// <param name="clipDuration">The clip's length (seconds).</param>
    /// <param name="messageSeconds">How long one message stays.</param>
    /// <param name="maxLines">The most messages shown at once.</param>
    /// <param name="glyphs">What the fonts draw; the rest is left out (a message of nothing else is not shown).</param>
    public static IReadOnlyList<CaptionCue> Build(
        IEnumerable<ChatMessage> messages, double clipStart, double clipDuration, double messageSeconds, int maxLines, int maxCharsPerLine, GlyphCoverage glyphs)
    {
        var shown = messages
            .Select(m => (At: m.OffsetSeconds - clipStart, Line: Line(m, maxCharsPerLine, glyphs)))
            .Where(m => m.Line is not null && m.At < clipDuration && m.At + messageSeconds > 0)
            .OrderBy(m => m.At)
            .ToList();
        var changes = shown.SelectMany(m => new[] { m.At, m.At + messageSeconds })
            .Append(0).Append(clipDuration)
            .Select(t => Math.Clamp(t, 0, clipDuration))
            .Distinct().Order().ToList();

        var cues = new List<CaptionCue>();
        for (var i = 0; i < changes.Count - 1; i++)
        {
            var (from, to) = (changes[i], changes[i + 1]);
            var visible = shown.Where(m => m.At <= from && from < m.At + messageSeconds).TakeLast(maxLines).Select(m => m.Line!).ToList();
            if (visible.Count == 0)
            {
                continue;
            }

            if (cues.Count > 0 && cues[^1].End == from && cues[^1].Lines.SequenceEqual(visible))
            {
                cues[^1] = cues[^1] with { End = to };
            }
            else
            {
                cues.Add(new CaptionCue(from, to, visible));
            }
        }

        return cues;
    }

    private static CaptionLine? Line(ChatMessage message, int maxColumns, GlyphCoverage glyphs)
    {
        var author = CaptionText.Truncate(CaptionText.Clean(message.AuthorName, glyphs), 20);
        var text = CaptionText.Clean(message.Text, glyphs);
        return text.Length == 0 ? null : new CaptionLine(CaptionText.Truncate(text, Math.Max(4, maxColumns - CaptionText.Columns(author) - 2)), author);
    }
}
