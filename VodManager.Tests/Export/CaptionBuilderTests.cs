using VodManager.Core.Data.Entities;
using VodManager.Core.Export.Captions;

namespace VodManager.Tests.Export;

public sealed class CaptionBuilderTests
{
    [Fact]
    public void A_long_segment_becomes_pages_of_at_most_two_lines_that_share_its_time_by_length()
    {
        var segment = new TranscriptSegment { StartSeconds = 10, EndSeconds = 16, Text = "one two three four five six seven eight nine ten eleven twelve" };

        var cues = TranscriptCaptions.Build([segment], clipStart: 10, clipDuration: 30, maxCharsPerLine: 12);

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
    public void Emoji_and_control_characters_are_dropped_and_markup_cannot_leak()
    {
        Assert.Equal("hi there ok", CaptionText.Clean("hi\u0007 \U0001F600there\n\tok"));
        Assert.Equal("(/an8)move", AssDocument.Escape("{\\an8}move"));
        Assert.Equal("0:01:01.05", AssDocument.Time(61.049));
        Assert.Equal("abcdefghi…", CaptionText.Truncate("abcdefghijklmnop", 10));
    }

    [Fact]
    public void Chat_keeps_only_the_newest_messages_on_screen()
    {
        var messages = Enumerable.Range(0, 6).Select(i => new ChatMessage { OffsetSeconds = 100 + i * 0.5, AuthorName = $"u{i}", Text = $"m{i}" });

        var cues = ChatCaptions.Build(messages, clipStart: 100, clipDuration: 10, messageSeconds: 4, maxLines: 3, maxCharsPerLine: 40);

        Assert.All(cues, c => Assert.InRange(c.Lines.Count, 1, 3));
        var atThree = cues.Single(c => c.Start <= 3 && 3 < c.End);
        Assert.Equal(["m3", "m4", "m5"], atThree.Lines.Select(l => l.Text));
        Assert.Equal(2.5 + 4, cues[^1].End, 6);
    }
}
