using System.Globalization;
using System.Text;
using VodManager.Core.Ingest;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Ingest;

/// <summary>
/// The shape read straight from a line's UTF-8 (detection's fast path, no string per line) is the one read from the
/// decoded text (stored chat), byte for byte; and offsets read by the parser's short-decimal path are the doubles
/// the general parser gives.
/// </summary>
public sealed class ChatTextShapeTests : IDisposable
{
    private readonly TempFolder _folder = new("shape");

    [Theory]
    [InlineData("PogChamp PogChamp")]
    [InlineData("  LULLLL what was that  ")]
    [InlineData("KEKW")]
    [InlineData("a  b   c")]
    [InlineData("Oooo NOOOO")]
    [InlineData("aa")]
    [InlineData("ÄÖÜ straße LUL")]
    [InlineData("日本語 KEKW 👍")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!enter")]
    [InlineData("  !bgrank bvbat")]
    public void Shape_from_utf8_equals_shape_from_text(string text)
    {
        Assert.Equal(ChatTextShape.Of(text), ChatTextShape.Of(Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData("!enter", true)]
    [InlineData("  !bgrank bvbat", true)]
    [InlineData("!1", true)]
    [InlineData("!!!", false)]
    [InlineData("! wow", false)]
    [InlineData("!", false)]
    [InlineData("wow!", false)]
    [InlineData("!ÄÖÜ", false)]
    [InlineData("PogChamp !enter", false)]
    public void A_command_is_a_bang_then_a_letter_or_digit_at_the_lines_start(string text, bool command)
    {
        Assert.Equal(command, ChatTextShape.Of(text).Command);
        Assert.Equal(command, ChatTextShape.Of(Encoding.UTF8.GetBytes(text)).Command);
    }

    [Fact]
    public void Shape_of_a_long_ascii_line_counts_the_same_first_bytes_as_the_text()
    {
        var text = string.Concat(Enumerable.Repeat("Kappa pog monkaS lulw ", 40));

        Assert.Equal(ChatTextShape.Of(text.AsSpan(0, 400)), ChatTextShape.Of(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public async Task Signals_mode_shapes_equal_full_mode_shapes_on_real_chat()
    {
        var path = Parsers.RealChat(Parsers.BigRealLog);
        var full = await Parsers.ChatAsync(path);
        var signals = await Parsers.ChatAsync(path, ChatReadMode.Signals);

        Assert.Equal(full.Count, signals.Count);
        Assert.Equal(full.Select(r => ChatTextShape.Of(r.Text)), signals.Select(r => r.Shape));
        Assert.Contains(signals, r => r.Shape.Emotes > 0);
    }

    [Fact]
    public async Task Offsets_are_the_doubles_the_general_parser_reads()
    {
        var random = new Random(7);
        var offsets = Enumerable.Range(0, 3000).Select(i => (i % 6) switch
        {
            0 => (random.Next(100_000) / 1000.0).ToString("0.###", CultureInfo.InvariantCulture),
            1 => random.NextDouble().ToString("R", CultureInfo.InvariantCulture),
            2 => (random.NextDouble() * 86400).ToString("0.000000000", CultureInfo.InvariantCulture),
            3 => random.Next(86400).ToString(CultureInfo.InvariantCulture),
            4 => $"{random.Next(1, 9)}.{random.Next(10)}e{random.Next(4)}",
            _ => "0.0000" + random.Next(1000).ToString(CultureInfo.InvariantCulture),
        }).ToList();
        var path = _folder.File("offsets.json");
        await File.WriteAllTextAsync(path, "[" + string.Join(",", offsets.Select((o, i) =>
            $$$"""{"_id":"c{{{i}}}","content_offset_seconds":{{{o}}},"commenter":{"_id":"{{{i}}}","name":"u{{{i}}}"},"message":{"body":"hi"}}""")) + "]");

        var records = await Parsers.ChatAsync(path, ChatReadMode.Signals);

        Assert.Equal(offsets.Select(o => double.Parse(o, CultureInfo.InvariantCulture)), records.Select(r => r.OffsetSeconds));
    }

    public void Dispose() => _folder.Dispose();
}
