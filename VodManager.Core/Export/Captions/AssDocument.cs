using System.Globalization;
using System.Text;

namespace VodManager.Core.Export.Captions;

/// <summary>
/// Writes a caption track's sheet as an Advanced SubStation (ASS) script for libass (ffmpeg's "ass" filter): either
/// for a transparent band where state k of the sheet is shown from second k to k + 1, so one frame per second of a
/// blank canvas draws each state once (<see cref="WriteSheet"/>), or each line of a rolling track once on a strip of
/// its own (<see cref="WriteStrips"/>), or on the clip's clock over the whole frame, drawn onto every frame
/// (<see cref="WriteTimed"/>). Line breaks are explicit and wrapping is off (WrapStyle 2), so what
/// the builders decided (at most two spoken lines) is what is drawn.
/// </summary>
public static class AssDocument
{
    private const string White = "&H00FFFFFF";
    private const string Black = "&H00000000";
    private const string AuthorColour = "&H55DDFF&"; // an override colour is &HBBGGRR&: a warm yellow

    /// <summary>
    /// The chat box's black at 62% opacity, as written for the transparent canvas: ffmpeg 5.1's ass filter with
    /// alpha=1 multiplies a colour's opacity in twice (&amp;H60 gave 39%), so the sheet asks for its square root (79%).
    /// </summary>
    private const string TranslucentOnCanvas = "&H36000000";

    /// <summary>The chat box's black at 62% opacity, drawn straight onto the video.</summary>
    private const string Translucent = "&H60000000";

    public static string WriteSheet(CaptionSheet sheet) => Write(
        sheet, sheet.BandStyle(), sheet.Height, TranslucentOnCanvas, sheet.States.SelectMany((state, k) => state.Cues.Select(c => ((double)k, k + 1.0, c.Lines))));

    public static string WriteTimed(CaptionSheet sheet) => Write(
        sheet, sheet.Style, sheet.Layout.Height, Translucent, sheet.States.SelectMany(state => state.Cues.Select(c => (state.Start, state.End, c.Lines))));

    /// <summary>
    /// Each line of the scroll alone on a transparent strip, line k shown from second k to k + 1 (see
    /// <see cref="CaptionScroll"/>): the chat box's states are put together from these.
    /// </summary>
    public static string WriteStrips(CaptionSheet sheet, CaptionScroll scroll) => Write(
        sheet, sheet.Style with { MarginVertical = scroll.StripMargin }, scroll.StripHeight, TranslucentOnCanvas,
        scroll.Lines.Select((line, k) => ((double)k, k + 1.0, (IReadOnlyList<CaptionLine>)[line])));

    private static string Write(CaptionSheet sheet, CaptionStyle style, int height, string translucent, IEnumerable<(double From, double To, IReadOnlyList<CaptionLine> Lines)> dialogues)
    {
        var layout = sheet.Layout;
        var text = new StringBuilder();
        text.Append("[Script Info]\n")
            .Append("ScriptType: v4.00+\n")
            .Append(Inv($"PlayResX: {layout.Width}\nPlayResY: {height}\n"))
            .Append("WrapStyle: 2\n")
            .Append("ScaledBorderAndShadow: yes\n\n")
            .Append("[V4+ Styles]\n")
            .Append("Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n")
            .Append(Style(layout.Font, style, translucent))
            .Append("\n[Events]\n")
            .Append("Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n");
        foreach (var (from, to, lines) in dialogues)
        {
            var body = string.Join("\\N", lines.Select(l => l.Speaker is { } who
                ? $"{{\\c{AuthorColour}\\b1}}{Escape(who)}:{{\\r}} {Escape(l.Text)}"
                : Escape(l.Text)));
            text.Append(Inv($"Dialogue: 0,{Time(from)},{Time(to)},{style.Name},,0,0,0,,{body}\n"));
        }

        return text.ToString();
    }

    /// <summary>ASS time: h:mm:ss.cc, rounded to the centisecond.</summary>
    public static string Time(double seconds)
    {
        var centiseconds = (long)Math.Round(Math.Max(0, seconds) * 100, MidpointRounding.AwayFromZero);
        return Inv($"{centiseconds / 360000}:{centiseconds / 6000 % 60:00}:{centiseconds / 100 % 60:00}.{centiseconds % 100:00}");
    }

    /// <summary>
    /// Text that cannot be read as markup: '{' '}' open and close override blocks and '\' starts a tag (\N, \h, ...),
    /// so chat could otherwise restyle or move the overlay.
    /// </summary>
    public static string Escape(string text) => text.Replace('\\', '/').Replace('{', '(').Replace('}', ')');

    private static string Style(string font, CaptionStyle s, string translucent) => Inv(
        $"Style: {s.Name},{font},{s.FontSize},{White},{White},{(s.Boxed ? translucent : Black)},{translucent},{(s.Bold ? -1 : 0)},0,0,0,100,100,0,0,{(s.Boxed ? 3 : 1)},{s.Outline},0,{s.Alignment},{s.MarginLeft},{s.MarginRight},{s.MarginVertical},1\n");

    private static string Inv(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
