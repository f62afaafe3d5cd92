using VodManager.Core.Ingest;

namespace VodManager.Tests.Ingest;

/// <summary>The stored record of how editors moved a stream's chat.</summary>
public sealed class ChatMovesTests
{
    [Fact]
    public void Moves_are_stored_in_order_and_read_back_as_stored()
    {
        var moves = ChatMoves.None.With(3723.5, -95).With(0, 12.25);

        Assert.Equal("3723.5:-95;0:12.25", moves.Store());
        Assert.Equal(moves.Moves, ChatMoves.Parse(moves.Store()).Moves);
        Assert.Equal("95.0 s earlier from 1:02:03.5, then 12.3 s later", moves.Describe());
        Assert.Null(ChatMoves.None.Store());
        Assert.Empty(ChatMoves.Parse(null).Moves);
        Assert.Equal("", ChatMoves.Parse("").Describe());
    }

    [Theory]
    [InlineData(100, 112.5)]
    [InlineData(599.9, 612.4)]
    [InlineData(600, null)] // sent during the 95 s outage
    [InlineData(694.9, null)]
    [InlineData(695, 612.5)]
    [InlineData(7000, 6917.5)]
    public void A_second_on_the_chats_clock_is_placed_as_the_moves_placed_the_rows(double seconds, double? placed) =>
        Assert.Equal(placed, ChatMoves.None.With(600, -95).With(0, 12.5).Place(seconds) is { } at ? Math.Round(at, 6) : null);

    [Fact]
    public void Undoing_the_moves_takes_every_second_they_kept_back_to_where_it_was()
    {
        var moves = ChatMoves.None.With(600, -95).With(0, 12.5).With(3000, 40);
        foreach (var seconds in new[] { 0.0, 100, 599.9, 695, 2990, 3100, 7000 })
        {
            var at = moves.Place(seconds)!.Value;
            foreach (var (from, by) in moves.Undoing())
            {
                at += at >= from ? by : 0;
            }

            Assert.Equal(seconds, at, 6);
        }
    }

    [Theory]
    [InlineData("600")]
    [InlineData("600:x")]
    [InlineData("600:-95;;")]
    public void A_damaged_record_is_named(string stored) =>
        Assert.Contains($"in '{stored}' is not a chat move (from:by)", Assert.Throws<FormatException>(() => ChatMoves.Parse(stored)).Message);
}
