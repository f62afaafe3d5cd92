using System.Globalization;
using System.Text;

namespace VodManager.Core.Export.Captions;

/// <summary>
/// Writes caption tracks as one Advanced SubStation (ASS) script sized to the output frame, which libass (ffmpeg's
/// "ass" filter) burns in. Each track is a style; line breaks are explicit and wrapping is off (WrapStyle 2), so what
/// the builders decided (at most two spoken lines) is what is drawn.
/// </summary>
public static class AssDocument
{
    private const string White = "&H00FFFFFF";
    private const string Black = "&H00000000";
    private const string Translucent = "&H60000000";
    private const string AuthorColour = "&H55DDFF&"; // an override colour is &HBBGGRR&: a warm yellow

    public static string Write(CaptionLayout layout, IReadOnlyList<CaptionCue> spoken, IReadOnlyList<CaptionCue> chat)
    {
        var text = new StringBuilder();
        text.Append("[Script Info]\n")
            .Append("ScriptType: v4.00+\n")
            .Append(Inv($"PlayResX: {layout.Width}\nPlayResY: {layout.Height}\n"))
            .Append("WrapStyle: 2\n")
            .Append("ScaledBorderAndShadow: yes\n\n")
            .Append("[V4+ Styles]\n")
            .Append("Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n");
        foreach (var style in new[] { layout.Spoken, layout.Chat })
        {
            text.Append(Style(layout.Font, style));
        }

        text.Append("\n[Events]\n")
            .Append("Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n");
        AppendEvents(text, layout.Spoken, spoken);
        AppendEvents(text, layout.Chat, chat);
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

    private static string Style(string font, CaptionStyle s) => Inv(
        $"Style: {s.Name},{font},{s.FontSize},{White},{White},{(s.Boxed ? Translucent : Black)},{Translucent},{(s.Bold ? -1 : 0)},0,0,0,100,100,0,0,{(s.Boxed ? 3 : 1)},{s.Outline},0,{s.Alignment},{s.MarginLeft},{s.MarginRight},{s.MarginVertical},1\n");

    private static void AppendEvents(StringBuilder text, CaptionStyle style, IReadOnlyList<CaptionCue> cues)
    {
        foreach (var cue in cues)
        {
            var body = string.Join("\\N", cue.Lines.Select(l => l.Speaker is { } who
                ? $"{{\\c{AuthorColour}\\b1}}{Escape(who)}:{{\\r}} {Escape(l.Text)}"
                : Escape(l.Text)));
            text.Append(Inv($"Dialogue: 0,{Time(cue.Start)},{Time(cue.End)},{style.Name},,0,0,0,,{body}\n"));
        }
    }

    private static string Inv(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
