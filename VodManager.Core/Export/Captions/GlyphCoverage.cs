using System.Diagnostics;
using System.Text;

namespace VodManager.Core.Export.Captions;

/// <summary>
/// Which of the scripts chat is written in the caption fonts can draw. libass falls back through fontconfig to any
/// installed font that has a glyph, so this asks fontconfig (<c>fc-list :charset=…</c>) once whether some font covers
/// emoji (setup installs Symbola) and CJK and Hangul (WenQuanYi Micro Hei). What no font covers is left out of
/// captions rather than drawn as boxes; without fontconfig only what DejaVu Sans draws is kept.
/// </summary>
public sealed class GlyphCoverage(bool emoji, bool cjk)
{
    /// <summary>Covered by DejaVu Sans alone: the Basic Multilingual Plane outside CJK and Hangul.</summary>
    public static readonly GlyphCoverage DejaVuOnly = new(emoji: false, cjk: false);

    public static readonly GlyphCoverage Everything = new(emoji: true, cjk: true);

    public bool Emoji { get; } = emoji;

    public bool Cjk { get; } = cjk;

    private static readonly Lazy<Task<GlyphCoverage>> Probed = new(ProbeAsync);

    /// <summary>This machine's fonts, asked of fontconfig once per process; without fontconfig, <see cref="DejaVuOnly"/>.</summary>
    public static Task<GlyphCoverage> InstalledAsync(CancellationToken cancellationToken) => Probed.Value.WaitAsync(cancellationToken);

    private static async Task<GlyphCoverage> ProbeAsync() =>
        new(await AnyFontHasAsync(0x1F525), await AnyFontHasAsync(0x4E2D) && await AnyFontHasAsync(0xAC00));

    public bool CanDraw(Rune rune) =>
        rune.IsBmp ? !IsCjk(rune.Value) || Cjk : Emoji && IsEmoji(rune.Value);

    /// <summary>How many columns a character takes: East Asian wide characters and emoji take two.</summary>
    public static int Columns(Rune rune) => IsCjk(rune.Value) || IsEmoji(rune.Value) ? 2 : 1;

    /// <summary>The emoji and pictograph blocks (U+1F000–U+1FAFF), the ones Symbola draws.</summary>
    private static bool IsEmoji(int c) => c is >= 0x1F000 and < 0x1FB00;

    private static bool IsCjk(int c) =>
        c is (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0xA4CF) or (>= 0xAC00 and <= 0xD7A3) or (>= 0xF900 and <= 0xFAFF)
            or (>= 0xFE30 and <= 0xFE4F) or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6);

    private static async Task<bool> AnyFontHasAsync(int codePoint)
    {
        try
        {
            using var fcList = Process.Start(new ProcessStartInfo("fc-list", $":charset={codePoint:x} family")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            });
            if (fcList is null)
            {
                return false;
            }

            var output = await fcList.StandardOutput.ReadToEndAsync();
            await fcList.WaitForExitAsync();
            return fcList.ExitCode == 0 && output.Trim().Length > 0;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return false; // no fontconfig here
        }
    }
}
