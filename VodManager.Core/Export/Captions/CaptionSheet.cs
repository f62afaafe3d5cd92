namespace VodManager.Core.Export.Captions;

/// <summary>
/// One caption track as the distinct pictures it shows: each state (the cues active between two changes) is drawn
/// once, in a horizontal band of the output frame that holds everything the track can draw, and the export pastes
/// the right picture per frame. Drawing every frame with libass instead cost more than the rest of a draft export's
/// filters (its blending is per pixel, per frame, in plain C).
/// </summary>
/// <param name="Top">The band's top edge in output pixels (even, as 4:2:0 chroma needs).</param>
/// <param name="Height">The band's height in output pixels (even).</param>
public sealed record CaptionSheet(CaptionLayout Layout, CaptionStyle Style, int Top, int Height, IReadOnlyList<CaptionState> States)
{
    /// <summary>Glyph lines are about a font size apart in libass; the margin covers accents and descenders.</summary>
    private const double LineHeightEms = 1.25;

    /// <param name="maxLines">The most lines the track shows at once: what the band must hold.</param>
    public static CaptionSheet For(CaptionLayout layout, CaptionStyle style, int maxLines, IReadOnlyList<CaptionCue> cues)
    {
        var pad = Pad(style);
        var height = Math.Min(layout.Height, Even(maxLines * style.FontSize * LineHeightEms + 2 * pad));
        var anchored = style.Alignment <= 3
            ? layout.Height - style.MarginVertical + pad - height // bottom-aligned: the text's bottom sits MarginVertical up
            : style.MarginVertical - pad;
        var top = Math.Clamp((int)Math.Floor(anchored / 2.0) * 2, 0, layout.Height - height);
        return new CaptionSheet(layout, style, top, height, StatesOf(cues));
    }

    /// <summary>
    /// What ffmpeg holds for the whole encode when every state is drawn once: one yuva420p band per state (luma and
    /// alpha a byte a pixel, each chroma plane a quarter). A long clip with busy chat has hundreds of states, so this
    /// grows with the clip where drawing per frame does not.
    /// </summary>
    public long HeldBytes => (long)States.Count * Layout.Width * Height * 5 / 2;

    /// <summary>The style as drawn inside the band: the same size, its margin measured from the band's edge.</summary>
    public CaptionStyle BandStyle() => Style with
    {
        MarginVertical = Style.Alignment <= 3 ? Style.MarginVertical - (Layout.Height - Top - Height) : Style.MarginVertical - Top,
    };

    /// <summary>
    /// The track as one scroll of lines, each drawn once on a strip, when its states are runs of one list stacked
    /// down from a fixed top (the chat box) and some line is shown in more than one state; else null and each state
    /// is drawn whole. Strips sit on even rows, as 4:2:0 needs, which the chat's even font size keeps them on.
    /// </summary>
    public CaptionScroll? Scroll()
    {
        if (Style.Alignment < 7 || Style.FontSize % 2 != 0 || CaptionScroll.Windows(States) is not { } windows
            || windows.Lines.Count >= States.Sum(s => s.Cues[0].Lines.Count))
        {
            return null;
        }

        var pad = Pad(Style);
        var margin = BandStyle().MarginVertical;
        var offset = Math.Max(0, (margin - pad) / 2 * 2);
        var stripMargin = margin - offset;
        var stripHeight = Even(stripMargin + Style.FontSize + pad);
        var slots = States.Max(s => s.Cues[0].Lines.Count);
        return offset + (slots - 1) * Style.FontSize + stripHeight <= Height
            ? new CaptionScroll(windows.Lines, windows.First, Style.FontSize, stripHeight, stripMargin, offset)
            : null;
    }

    /// <summary>Room around a line for its outline or box, accents and descenders.</summary>
    private static int Pad(CaptionStyle style) => style.Outline + style.FontSize / 4;

    private static List<CaptionState> StatesOf(IReadOnlyList<CaptionCue> cues)
    {
        var changes = cues.SelectMany(c => new[] { c.Start, c.End }).Distinct().Order().ToList();
        var states = new List<CaptionState>();
        for (var i = 0; i < changes.Count - 1; i++)
        {
            var (from, to) = (changes[i], changes[i + 1]);
            var active = cues.Where(c => c.Start <= from && from < c.End).ToList();
            if (active.Count > 0)
            {
                states.Add(new CaptionState(from, to, active));
            }
        }

        return states;
    }

    private static int Even(double value) => Math.Max(2, (int)Math.Ceiling(value / 2) * 2);
}
