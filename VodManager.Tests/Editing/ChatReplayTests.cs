using VodManager.Core.Editing;
using VodManager.Core.Ingest;
using VodManager.Tests.Fixtures;
using VodManager.Tests.Streams;

namespace VodManager.Tests.Editing;

/// <summary>The chat beside the player, read from a real chat imported into a real database.</summary>
public sealed class ChatReplayTests : IAsyncLifetime
{
    private CoreHost _host = default!;

    private ChatReplay Replay => _host.Get<ChatReplay>();

    public async Task InitializeAsync() => _host = await CoreHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static List<(double Offset, string Author, string Text)> Lines() => RealChat.Lines(RealChat.Small);

    [Fact]
    public async Task The_lines_up_to_the_players_second_come_oldest_first_and_only_the_latest_when_there_are_more()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync();
        await _host.Get<IngestService>().ImportAsync(account.Id, stream.Id, IngestKind.Chat, RealChat.Small, null, CancellationToken.None);
        var all = Lines();

        // The busiest minute of the log: every line of it, in the log's order.
        var busiest = all.GroupBy(l => (int)(l.Offset / 60)).MaxBy(g => g.Count())!.Key * 60.0;
        var expected = all.Where(l => l.Offset > busiest && l.Offset <= busiest + 60).ToList();
        var minute = await Replay.ReadAsync(account.Id, stream.Id, busiest, busiest + 60, 500, CancellationToken.None);
        Assert.True(expected.Count >= 10, $"the busiest minute has {expected.Count} lines");
        Assert.Equal(expected.Select(l => (l.Author, l.Text)), minute.Select(l => (l.Author, l.Text)));
        Assert.Equal(expected.Select(l => l.Offset), minute.Select(l => l.OffsetSeconds), Near.Offsets);

        // Capped: the latest five, still oldest first, ending with the minute's last line.
        var latest = await Replay.ReadAsync(account.Id, stream.Id, busiest, busiest + 60, 5, CancellationToken.None);
        Assert.Equal(expected.TakeLast(5).Select(l => l.Text), latest.Select(l => l.Text));

        // The bounds: after the first, up to and with the second.
        var first = expected[0].Offset;
        var from = await Replay.ReadAsync(account.Id, stream.Id, first, busiest + 60, 500, CancellationToken.None);
        Assert.Equal(expected.Count - expected.Count(l => l.Offset <= first), from.Count);
        var upTo = await Replay.ReadAsync(account.Id, stream.Id, busiest, first, 500, CancellationToken.None);
        Assert.Equal(expected.Count(l => l.Offset <= first), upTo.Count);
        Assert.Empty(await Replay.ReadAsync(account.Id, stream.Id, busiest + 60, busiest, 500, CancellationToken.None));
    }

    [Fact]
    public async Task Only_the_streams_current_chat_shows_and_never_to_another_account()
    {
        var (account, stream) = await _host.AddAccountWithStreamAsync();
        var (other, _) = await _host.AddAccountWithStreamAsync(name: "Other");
        var ingest = _host.Get<IngestService>();
        await ingest.ImportAsync(account.Id, stream.Id, IngestKind.Chat, RealChat.Small, null, CancellationToken.None);
        // A second import of the same chat replaces the first: its rows stay stored until swept, but no longer show.
        await ingest.ImportAsync(account.Id, stream.Id, IngestKind.Chat, RealChat.Small, null, CancellationToken.None);

        var whole = await Replay.ReadAsync(account.Id, stream.Id, -1, 1e6, 10_000, CancellationToken.None);
        Assert.Equal(Lines().Count, whole.Count);
        Assert.Equal(whole.Count, whole.Select(l => l.Id).Distinct().Count());
        Assert.Empty(await Replay.ReadAsync(other.Id, stream.Id, -1, 1e6, 10_000, CancellationToken.None));
    }
}
