using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using VodManager.Core.Editing;
using VodManager.Core.Ingest;
using VodManager.Tests.Fixtures;
using VodManager.Tests.Streams;
using VodManager.Web.Components.Timeline;

namespace VodManager.Tests.Ui.Timeline;

/// <summary>The chat beside the player, following a player's clock over a real chat in a real database.</summary>
public sealed class ReplayChatTests : UiTest, IAsyncLifetime
{
    private CoreHost _host = default!;
    private int _account;
    private int _stream;
    private readonly PlayerClock _clock = new();
    private readonly List<double> _seeks = [];
    private static readonly DateTime Imported = new(2026, 12, 7, 2, 0, 0, DateTimeKind.Utc);

    async Task IAsyncLifetime.InitializeAsync()
    {
        _host = await CoreHost.StartAsync();
        var (account, stream) = await _host.AddAccountWithStreamAsync();
        (_account, _stream) = (account.Id, stream.Id);
        await _host.Get<IngestService>().ImportAsync(_account, _stream, IngestKind.Chat, RealChat.Small, null, CancellationToken.None);
        Services.AddSingleton(_host.Get<ChatReplay>());
        _clock.Attach(s =>
        {
            _seeks.Add(s);
            return Task.CompletedTask;
        });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _host.DisposeAsync();
    }

    private static List<(double Offset, string Author, string Text)> Lines() => RealChat.Lines(RealChat.Small);

    private IRenderedComponent<ReplayChat> Chat(double window = 300, int max = 150, Action<ChatReplayLine?>? lineUp = null) => Render<ReplayChat>(p => p
        .Add(c => c.Clock, _clock)
        .Add(c => c.Version, Imported)
        .Add(c => c.OnLineUp, lineUp is null ? default : EventCallback.Factory.Create<ChatReplayLine?>(this, lineUp))
        .Add(c => c.AccountId, _account)
        .Add(c => c.StreamId, _stream)
        .Add(c => c.WindowSeconds, window)
        .Add(c => c.MaxLines, max));

    /// <summary>The shown lines' texts, oldest first (the markup holds them newest first).</summary>
    private static List<string> Shown(IRenderedComponent<ReplayChat> chat) =>
        chat.FindAll("[data-testid=chat-line] .text").Select(e => e.TextContent[2..]).Reverse().ToList();

    [Fact]
    public void It_shows_the_last_minutes_up_to_the_players_second_and_follows_it_as_it_plays()
    {
        var all = Lines();
        var chat = Chat();
        Assert.Equal("The chat follows the player: play or seek the video.", chat.Find("[data-testid=replay-chat-empty]").TextContent);

        // The busiest minute's end, as the player reaches it.
        var busiest = all.GroupBy(l => (int)(l.Offset / 60)).MaxBy(g => g.Count())!.Key * 60.0 + 60;
        _clock.Move(busiest);
        var expected = all.Where(l => l.Offset > busiest - 300 && l.Offset <= busiest).Select(l => l.Text).ToList();
        chat.WaitForAssertion(() => Assert.Equal(expected.TakeLast(150), Shown(chat)));
        Assert.Equal($"up to {Web.Components.Format.Clock(busiest)}", chat.Find("[data-testid=replay-chat-at]").TextContent);

        // Playing on, second by second: each new line comes in at the bottom, the oldest go as they leave the window.
        for (var t = busiest + 1; t <= busiest + 90; t++)
        {
            _clock.Move(t);
        }

        var later = all.Where(l => l.Offset > busiest + 90 - 300 && l.Offset <= busiest + 90).Select(l => l.Text).ToList();
        chat.WaitForAssertion(() => Assert.Equal(later.TakeLast(150), Shown(chat)));
        var newest = chat.Find("[data-testid=chat-line]");
        Assert.Equal(all.Last(l => l.Offset <= busiest + 90).Author, newest.QuerySelector(".author")!.TextContent);

        // A seek back reads that moment's window afresh.
        _clock.Move(busiest - 600);
        var back = all.Where(l => l.Offset > busiest - 900 && l.Offset <= busiest - 600).Select(l => l.Text).ToList();
        chat.WaitForAssertion(() => Assert.Equal(back.TakeLast(150), Shown(chat)));
    }

    [Fact]
    public void A_line_s_time_moves_the_player_there_and_a_quiet_stretch_says_so()
    {
        var all = Lines();
        var chat = Chat(window: 60, max: 3);
        var line = all[40];
        _clock.Move(line.Offset);
        chat.WaitForAssertion(() => Assert.Equal(all.Where(l => l.Offset > line.Offset - 60 && l.Offset <= line.Offset).Select(l => l.Text).TakeLast(3), Shown(chat)));

        chat.Find("[data-testid=chat-line] .at").Click();
        Assert.Equal([line.Offset], _seeks);

        // The longest silence of the log, a minute into it.
        var gaps = all.Zip(all.Skip(1), (a, b) => (From: a.Offset, Length: b.Offset - a.Offset)).MaxBy(g => g.Length);
        Assert.True(gaps.Length > 120, $"the log's longest silence is {gaps.Length} s");
        _clock.Move(gaps.From + 61);
        chat.WaitForAssertion(() => Assert.Equal($"No chat in the 1 minute before {Web.Components.Format.Clock(gaps.From + 61)}.", chat.Find("[data-testid=replay-chat-empty]").TextContent));
        Assert.Empty(chat.FindAll("[data-testid=chat-line]"));
    }

    [Fact]
    public void A_picked_line_stays_while_the_player_seeks_to_where_it_belongs_and_is_lined_up_there()
    {
        var all = Lines();
        var lined = new List<ChatReplayLine?>();
        var chat = Chat(lineUp: lined.Add);
        var at = all[100].Offset;
        _clock.Move(at);
        chat.WaitForAssertion(() => Assert.Equal(all[100].Text, Shown(chat)[^1]));
        Assert.Empty(chat.FindAll("[data-testid=chat-pinned]"));

        chat.Find("[data-testid=chat-line] [data-testid=chat-line-up]").Click();
        Assert.Contains(all[100].Text, chat.Find("[data-testid=chat-pinned]").TextContent);

        // Back before the line: it is no longer in the list, still picked.
        _clock.Move(at - 95);
        chat.WaitForAssertion(() => Assert.DoesNotContain(all[100].Text, Shown(chat)));
        Assert.Contains(all[100].Text, chat.Find("[data-testid=chat-pinned]").TextContent);
        Assert.Equal($"Line up at {Web.Components.Format.Clock(at - 95)}", chat.Find("[data-testid=chat-line-up-here]").TextContent.Trim());
        // The page reads itself again (a job of the stream ended): the chat did not change, the line stays picked.
        chat.Render(p => p.Add(c => c.Version, Imported));
        Assert.Contains(all[100].Text, chat.Find("[data-testid=chat-pinned]").TextContent);
        chat.Find("[data-testid=chat-line-up-here]").Click();

        Assert.Equal(all[100].Text, Assert.Single(lined)!.Text);
        Assert.Empty(chat.FindAll("[data-testid=chat-pinned]"));
        chat.Find("[data-testid=chat-shift]").Click(); // "Move chat": the seconds typed, no line
        Assert.Null(lined[^1]);

        // The chat imported again (or moved by another editor): a picked line is no longer where it was.
        chat.Find("[data-testid=chat-line] [data-testid=chat-line-up]").Click();
        chat.Render(p => p.Add(c => c.Version, Imported.AddMinutes(1)));
        Assert.Empty(chat.FindAll("[data-testid=chat-pinned]"));
    }

    [Fact]
    public void Viewers_read_the_chat_without_the_buttons_that_move_it()
    {
        var chat = Chat();
        _clock.Move(Lines()[100].Offset);
        chat.WaitForAssertion(() => Assert.NotEmpty(chat.FindAll("[data-testid=chat-line]")));

        Assert.Empty(chat.FindAll("[data-testid=chat-line-up]"));
        Assert.Empty(chat.FindAll("[data-testid=chat-shift]"));
    }
}
