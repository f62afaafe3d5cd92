using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace VodManager.Core.Export.Captions;

/// <summary>
/// Which characters the caption fonts can draw. libass falls back through fontconfig to any installed font that has a
/// glyph, so what some installed font covers is drawn: this reads every font's character set from fontconfig
/// (<c>fc-list</c>) once, whatever script chat is written in (setup installs Symbola for emoji, WenQuanYi Micro Hei
/// for CJK and Hangul, GNU FreeFont for Thai, the Indic scripts, Georgian, Ethiopic…). What no font covers is left out
/// of captions rather than drawn as boxes; without fontconfig only the Basic Multilingual Plane outside CJK and Hangul
/// (what DejaVu Sans mostly draws) is kept.
/// </summary>
public sealed class GlyphCoverage
{
    /// <summary>The covered code points as sorted, disjoint, inclusive ranges: their first and last code points.</summary>
    private readonly int[] _firsts;
    private readonly int[] _lasts;

    public GlyphCoverage(IEnumerable<(int First, int Last)> ranges)
    {
        var merged = new List<(int First, int Last)>();
        foreach (var (first, last) in ranges.Where(r => r.First <= r.Last).OrderBy(r => r.First))
        {
            if (merged.Count > 0 && first <= merged[^1].Last + 1)
            {
                merged[^1] = (merged[^1].First, Math.Max(merged[^1].Last, last));
            }
            else
            {
                merged.Add((first, last));
            }
        }

        (_firsts, _lasts) = ([.. merged.Select(r => r.First)], [.. merged.Select(r => r.Last)]);
    }

    public static readonly GlyphCoverage DejaVuOnly = new([
        (0x20, 0x10FF), (0x1160, 0x2E7F), (0xA4D0, 0xABFF), (0xD7A4, 0xF8FF), (0xFB00, 0xFE2F), (0xFE50, 0xFEFF), (0xFF61, 0xFFDF), (0xFFE7, 0xFFFF),
    ]);

    public static readonly GlyphCoverage Everything = new([(0, 0x10FFFF)]);

    /// <summary>
    /// Coverage from fontconfig's character sets, one font's per line as <c>fc-list --format '%{charset}\n'</c> writes
    /// them: hexadecimal code points and ranges (<c>20-7e a0-17f 192</c>).
    /// </summary>
    public static GlyphCoverage FromCharsets(IEnumerable<string> charsets) =>
        new(charsets.SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(ParseRange).OfType<(int, int)>());

    private static (int, int)? ParseRange(string token)
    {
        var dash = token.IndexOf('-');
        var (first, last) = dash < 0 ? (token, token) : (token[..dash], token[(dash + 1)..]);
        return int.TryParse(first, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var from)
               && int.TryParse(last, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var to)
            ? (from, to)
            : null;
    }

    private static readonly Lazy<Task<GlyphCoverage>> Probed = new(ProbeAsync);

    /// <summary>This machine's fonts, asked of fontconfig once per process; without fontconfig, <see cref="DejaVuOnly"/>.</summary>
    public static Task<GlyphCoverage> InstalledAsync(CancellationToken cancellationToken) => Probed.Value.WaitAsync(cancellationToken);

    public bool CanDraw(Rune rune)
    {
        // The last range starting at or before the character.
        var at = Array.BinarySearch(_firsts, rune.Value);
        at = at >= 0 ? at : ~at - 1;
        return at >= 0 && rune.Value <= _lasts[at];
    }

    /// <summary>
    /// How many columns a character takes: East Asian wide characters and emoji take two, a combining mark (a Thai or
    /// Devanagari vowel sign, an accent) none, since it is drawn on the character before it and must stay with it.
    /// </summary>
    public static int Columns(Rune rune) =>
        IsCjk(rune.Value) || IsEmoji(rune.Value) ? 2
        : Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark ? 0
        : 1;

    /// <summary>The emoji and pictograph blocks (U+1F000–U+1FAFF).</summary>
    private static bool IsEmoji(int c) => c is >= 0x1F000 and < 0x1FB00;

    private static bool IsCjk(int c) =>
        c is (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0xA4CF) or (>= 0xAC00 and <= 0xD7A3) or (>= 0xF900 and <= 0xFAFF)
            or (>= 0xFE30 and <= 0xFE4F) or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6);

    private static async Task<GlyphCoverage> ProbeAsync()
    {
        try
        {
            using var fcList = Process.Start(new ProcessStartInfo("fc-list", ["--format", "%{charset}\n"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            });
            if (fcList is null)
            {
                return DejaVuOnly;
            }

            var stderr = fcList.StandardError.ReadToEndAsync();
            var output = await fcList.StandardOutput.ReadToEndAsync();
            await fcList.WaitForExitAsync();
            await stderr;
            return fcList.ExitCode == 0 && output.Trim().Length > 0 ? FromCharsets(output.Split('\n')) : DejaVuOnly;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return DejaVuOnly; // no fontconfig here
        }
    }
}
