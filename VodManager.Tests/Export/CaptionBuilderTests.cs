using System.Text;
using VodManager.Core.Data.Entities;
using VodManager.Core.Export.Captions;

namespace VodManager.Tests.Export;

public sealed class CaptionBuilderTests
{
    [Fact]
    public void A_long_segment_becomes_pages_of_at_most_two_lines_that_share_its_time_by_length()
    {
        var segment = new TranscriptSegment { StartSeconds = 10, EndSeconds = 16, Text = "one two three four five six seven eight nine ten eleven twelve" };

        var cues = TranscriptCaptions.Build([segment], clipStart: 10, clipDuration: 30, maxCharsPerLine: 12, GlyphCoverage.Everything);

        Assert.All(cues, c => Assert.InRange(c.Lines.Count, 1, TranscriptCaptions.MaxLines));
        Assert.All(cues.SelectMany(c => c.Lines), l => Assert.True(l.Text.Length <= 12, l.Text));
        Assert.Equal(segment.Text, string.Join(' ', cues.SelectMany(c => c.Lines).Select(l => l.Text)));
        Assert.Equal(0, cues[0].Start, 6);
        Assert.Equal(6, cues[^1].End, 6);
        for (var i = 1; i < cues.Count; i++)
        {
            Assert.Equal(cues[i - 1].End, cues[i].Start, 6);
        }
    }

    [Fact]
    public void Control_characters_are_dropped_emoji_too_where_no_font_draws_them_and_markup_cannot_leak()
    {
        Assert.Equal("hi there ok", CaptionText.Clean("hi\u0007 \U0001F600there\n\tok", GlyphCoverage.DejaVuOnly));
        Assert.Equal("hi \U0001F600there ok", CaptionText.Clean("hi\u0007 \U0001F600there\n\tok", GlyphCoverage.Everything));
        Assert.Equal("(/an8)move", AssDocument.Escape("{\\an8}move"));
        Assert.Equal("0:01:01.05", AssDocument.Time(61.049));
        Assert.Equal("abcdefghi…", CaptionText.Truncate("abcdefghijklmnop", 10));
    }

    [Fact]
    public void Chat_keeps_only_the_newest_messages_on_screen()
    {
        var messages = Enumerable.Range(0, 6).Select(i => new ChatMessage { OffsetSeconds = 100 + i * 0.5, AuthorName = $"u{i}", Text = $"m{i}" });

        var cues = ChatCaptions.Build(messages, clipStart: 100, clipDuration: 10, messageSeconds: 4, maxLines: 3, maxCharsPerLine: 40, GlyphCoverage.Everything);

        Assert.All(cues, c => Assert.InRange(c.Lines.Count, 1, 3));
        var atThree = cues.Single(c => c.Start <= 3 && 3 < c.End);
        Assert.Equal(["m3", "m4", "m5"], atThree.Lines.Select(l => l.Text));
        Assert.Equal(2.5 + 4, cues[^1].End, 6);
    }

    /// <summary>Real chat lines (LiiHS's, and international viewers'): what the installed fonts draw is kept, the rest left out, never boxes.</summary>
    [Theory]
    [InlineData("hot \U0001F525", "20-ffff 1f300-1f5ff", "hot \U0001F525")]
    [InlineData("hot \U0001F525", "20-ffff", "hot")]
    [InlineData("\U0001F604", "20-ffff", "")]
    [InlineData("中文 日本語 한국어 ok", "20-7e 3000-9fff ac00-d7a3", "中文 日本語 한국어 ok")]
    [InlineData("中文 日本語 한국어 ok", "20-7e", "ok")]
    [InlineData("It’s been alright, got emotes :D", "20-7e 2019", "It’s been alright, got emotes :D")]
    [InlineData("👨\u200D👩\u200D👧 ❤\uFE0F", "20-7e 2764 1f466-1f469", "👨👩👧 ❤")]
    [InlineData("สวัสดีครับ gg\u3000नमस्ते", "20-7e e01-e5b", "สวัสดีครับ gg")]
    [InlineData("สวัสดีครับ gg नमस्ते", "20-7e 900-97f e01-e5b", "สวัสดีครับ gg नमस्ते")]
    public void Chat_text_keeps_what_the_fonts_draw(string text, string charset, string expected) =>
        Assert.Equal(expected, CaptionText.Clean(text, GlyphCoverage.FromCharsets([charset])));

    [Fact]
    public void Font_charsets_from_fontconfig_are_read_as_ranges_and_merged()
    {
        var coverage = GlyphCoverage.FromCharsets(["20-7e a0-17f 192", "", "7f-9f 1f525 not-hex"]);

        Assert.All(new[] { 0x20, 0x7e, 0x7f, 0x9f, 0xa0, 0x17f, 0x192, 0x1f525 }, c => Assert.True(coverage.CanDraw(new Rune(c)), $"U+{c:X4}"));
        Assert.All(new[] { 0x1f, 0x180, 0x191, 0x193, 0x1f524, 0x1f526 }, c => Assert.False(coverage.CanDraw(new Rune(c)), $"U+{c:X4}"));
    }

    [Fact]
    public void Wide_characters_take_two_columns_and_are_never_split()
    {
        Assert.Equal(8, CaptionText.Columns("中文ok\U0001F525"));
        // A Chinese sentence has no spaces: it is split at the width, two columns a character.
        Assert.Equal(["我们今天", "赢了比赛", "了"], CaptionText.Wrap("我们今天赢了比赛了", 8));
        Assert.Equal(["gg", "\U0001F525\U0001F525\U0001F525"], CaptionText.Wrap("gg \U0001F525\U0001F525\U0001F525", 7));
        Assert.Equal(["\U0001F525\U0001F525\U0001F525", "\U0001F525"], CaptionText.Wrap("\U0001F525\U0001F525\U0001F525\U0001F525", 7));
        Assert.Equal("中文中…", CaptionText.Truncate("中文中文中文", 7));
        Assert.Equal("\U0001F525…", CaptionText.Truncate("\U0001F525\U0001F525\U0001F525", 4)); // not half an emoji
        // Thai vowel and tone marks sit on the consonant before them: no column of their own, never split from it.
        Assert.Equal(4, CaptionText.Columns("สวัสดี"));
        Assert.Equal(["สวัสดี", "ครับ"], CaptionText.Wrap("สวัสดีครับ", 4));
    }

    [Fact]
    public async Task This_machines_fonts_draw_the_scripts_setup_installs_fonts_for()
    {
        var installed = await GlyphCoverage.InstalledAsync(CancellationToken.None);

        // 🔥, 中, 한, Thai ก, Devanagari क, Georgian ა, Ethiopic ሀ: each some font setup installs draws.
        Assert.All(new[] { 0x1F525, 0x4E2D, 0xD55C, 0x0E01, 0x0915, 0x10D0, 0x1200 }, c => Assert.True(installed.CanDraw(new Rune(c)), $"no installed font draws U+{c:X4}"));
        Assert.False(installed.CanDraw(new Rune(0x10FFFD))); // a private-use character no font has
    }
}
