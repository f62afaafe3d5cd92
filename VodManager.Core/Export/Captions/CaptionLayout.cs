namespace VodManager.Core.Export.Captions;

/// <summary>
/// Phone-sized caption styles for an output frame. Short-video apps cover the bottom fifth (description, audio
/// credit) and the right edge (like/comment buttons) and the top tenth (tabs) with their own UI, so spoken captions
/// sit large above the bottom fifth and the chat box sits below the top tenth, clear of the right-hand buttons.
/// </summary>
public sealed record CaptionLayout(int Width, int Height, string Font, CaptionStyle Spoken, CaptionStyle Chat)
{
    /// <summary>Average advance of a DejaVu Sans glyph in ems (bold is wider); what turns a line's width into characters.</summary>
    private const double BoldGlyphEms = 0.64;

    private const double RegularGlyphEms = 0.56;

    public static CaptionLayout For(int width, int height, string font)
    {
        var spokenSize = (int)Math.Round(width * 0.066);
        var spokenMargin = (int)Math.Round(width * 0.08);
        var spoken = new CaptionStyle("Caption", spokenSize, Bold: true, Outline: Math.Max(2, spokenSize / 12), Boxed: false, Alignment: 2,
            spokenMargin, spokenMargin, (int)Math.Round(height * 0.2), Fit(width - 2 * spokenMargin, spokenSize, BoldGlyphEms));

        // Even: the chat box's lines are a font size apart and are pasted on even rows (see CaptionSheet.Scroll).
        var chatSize = 2 * (int)Math.Round(width * 0.018);
        var chatLeft = (int)Math.Round(width * 0.05);
        var chatRight = (int)Math.Round(width * 0.2);
        var chat = new CaptionStyle("Chat", chatSize, Bold: false, Outline: Math.Max(2, chatSize / 4), Boxed: true, Alignment: 7,
            chatLeft, chatRight, (int)Math.Round(height * 0.11), Fit(width - chatLeft - chatRight, chatSize, RegularGlyphEms));
        return new CaptionLayout(width, height, font, spoken, chat);
    }

    private static int Fit(int pixels, int fontSize, double glyphEms) => Math.Max(8, (int)(pixels / (fontSize * glyphEms)));
}
