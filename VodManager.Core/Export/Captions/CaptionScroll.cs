namespace VodManager.Core.Export.Captions;

/// <summary>
/// A rolling caption track (the chat box) as one scrolling list of lines: every state shows a run of consecutive
/// lines of the list, top-aligned, so each line is drawn once as a strip and the states are put together from the
/// strips (<see cref="CaptionSheet.Scroll"/>). Drawing each state whole drew every chat message once per state it
/// stayed in (five times with five lines), and libass's drawing, blended into the band per pixel in plain C, was most
/// of what captions cost an export.
/// </summary>
/// <param name="Lines">Each line once, in the order the box scrolls through them.</param>
/// <param name="First">Per state of the sheet: the index in <see cref="Lines"/> of its top line.</param>
/// <param name="Pitch">Rows from one line's top to the next's: libass sets a style's lines a font size apart.</param>
/// <param name="StripHeight">The height of one line's strip (even): the line, its box and room for what sticks out.</param>
/// <param name="StripMargin">Where the line's top sits in its strip (the strip style's MarginV).</param>
/// <param name="Offset">Where the top strip sits in the band (even); line k of a state sits <see cref="Pitch"/> × k lower.</param>
public sealed record CaptionScroll(IReadOnlyList<CaptionLine> Lines, IReadOnlyList<int> First, int Pitch, int StripHeight, int StripMargin, int Offset)
{
    /// <summary>
    /// The list a sheet's states are windows onto: each state's lines continue the list where the state before
    /// left it (lines scrolled off the top dropped, new ones added below). Equal lines may share a strip, as they
    /// look the same. Null when a state shows more than one cue (they would not be one run of lines).
    /// </summary>
    public static (List<CaptionLine> Lines, List<int> First)? Windows(IReadOnlyList<CaptionState> states)
    {
        var lines = new List<CaptionLine>();
        var first = new List<int>();
        IReadOnlyList<CaptionLine> previous = [];
        foreach (var state in states)
        {
            if (state.Cues.Count != 1)
            {
                return null;
            }

            var shown = state.Cues[0].Lines;
            var top = Enumerable.Range(0, previous.Count).FirstOrDefault(d => Continues(previous, d, shown), previous.Count);
            var start = lines.Count - previous.Count + top;
            lines.AddRange(shown.Skip(previous.Count - top));
            first.Add(start);
            previous = shown;
        }

        return (lines, first);
    }

    /// <summary>Whether <paramref name="shown"/> starts with the lines of <paramref name="previous"/> from <paramref name="top"/> on.</summary>
    private static bool Continues(IReadOnlyList<CaptionLine> previous, int top, IReadOnlyList<CaptionLine> shown) =>
        previous.Count - top <= shown.Count && previous.Skip(top).SequenceEqual(shown.Take(previous.Count - top));
}
