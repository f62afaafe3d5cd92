using VodManager.Core.Data.Entities;

namespace VodManager.Core.Export.Captions;

/// <summary>
/// Spoken captions for a clip from the stream's transcript. Each segment is wrapped to the style's line width and
/// split into pages of at most two lines; a segment's pages share its time in proportion to their length, then every
/// page is moved onto the clip's own clock and cut to the clip. Pages outside the clip are dropped.
/// </summary>
public static class TranscriptCaptions
{
    public const int MaxLines = 2;

    /// <summary>Shortest cue kept after cutting to the clip: a flash shorter than this cannot be read.</summary>
    private const double MinCueSeconds = 0.1;

    /// <param name="clipStart">Where the clip starts in the stream (seconds).</param>
    /// <param name="clipDuration">The clip's length (seconds).</param>
    /// <param name="glyphs">What the fonts draw; the rest is left out.</param>
    public static IReadOnlyList<CaptionCue> Build(IEnumerable<TranscriptSegment> segments, double clipStart, double clipDuration, int maxCharsPerLine, GlyphCoverage glyphs)
    {
        var cues = new List<CaptionCue>();
        foreach (var segment in segments.OrderBy(s => s.StartSeconds))
        {
            var text = CaptionText.Clean(segment.Text, glyphs);
            if (text.Length == 0 || segment.EndSeconds <= segment.StartSeconds)
            {
                continue;
            }

            var pages = CaptionText.Wrap(text, maxCharsPerLine).Chunk(MaxLines).ToList();
            var weights = pages.Select(p => (double)p.Sum(CaptionText.Columns)).ToList();
            var total = weights.Sum();
            var at = segment.StartSeconds;
            for (var i = 0; i < pages.Count; i++)
            {
                var end = i == pages.Count - 1 ? segment.EndSeconds : at + (segment.EndSeconds - segment.StartSeconds) * weights[i] / total;
                var start = Math.Max(0, at - clipStart);
                var stop = Math.Min(clipDuration, end - clipStart);
                if (stop - start >= MinCueSeconds)
                {
                    cues.Add(new CaptionCue(start, stop, pages[i].Select(l => new CaptionLine(l)).ToList()));
                }

                at = end;
            }
        }

        return cues;
    }
}
