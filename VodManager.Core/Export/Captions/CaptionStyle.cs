namespace VodManager.Core.Export.Captions;

/// <summary>
/// How one caption track looks on the output frame, in output pixels.
/// </summary>
/// <param name="Alignment">ASS numpad alignment: 2 = bottom centre, 7 = top left.</param>
/// <param name="Boxed">Text on a translucent box (chat) instead of an outline (spoken captions).</param>
/// <param name="MaxCharsPerLine">About how many characters fit on one line at this size: what the builders wrap to.</param>
public sealed record CaptionStyle(
    string Name,
    int FontSize,
    bool Bold,
    int Outline,
    bool Boxed,
    int Alignment,
    int MarginLeft,
    int MarginRight,
    int MarginVertical,
    int MaxCharsPerLine);
