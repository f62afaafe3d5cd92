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
    [InlineData("600")]
    [InlineData("600:x")]
    [InlineData("600:-95;;")]
    public void A_damaged_record_is_named(string stored) =>
        Assert.Contains($"in '{stored}' is not a chat move (from:by)", Assert.Throws<FormatException>(() => ChatMoves.Parse(stored)).Message);
}
