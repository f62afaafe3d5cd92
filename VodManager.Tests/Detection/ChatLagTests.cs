using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using VodManager.Core.Detection;
using VodManager.Core.Ingest;
using VodManager.Core.Streams;
using VodManager.Tests.Ingest;

namespace VodManager.Tests.Detection;

/// <summary>
/// The per-stream chat lag on real chat: other signals placed a known number of seconds before the chat's own bursts
/// (as a raid or a shout comes before chat reacts) give back that lag, and detection makes each moment and its reaction one highlight.
/// </summary>
public sealed class ChatLagTests
{
    private const int MaxLag = 20;

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(13)]
    [InlineData(20)]
    public async Task Moments_a_known_lag_before_the_real_bursts_give_that_lag(int lag)
    {
        const int Window = 20;
        var chat = await RealChatExcerpt.LoadAsync(Parsers.BigRealLog);
        var reference = new float[chat.Seconds];
        foreach (var burst in Bursts(chat.Chatters, Window, 5))
        {
            reference[burst - lag] = 1;
        }

        var (seconds, measured) = ChatLag.Estimate(chat.Chatters, reference, Window, MaxLag, fallback: 7);

        Assert.True(measured);
        Assert.Equal(lag, seconds);
    }

    [Fact]
    public async Task Fewer_than_three_moments_keep_the_fallback()
    {
        var chat = await RealChatExcerpt.LoadAsync(Parsers.BigRealLog);
        var reference = new float[chat.Seconds];
        foreach (var burst in Bursts(chat.Chatters, 20, 2))
        {
            reference[burst - 12] = 1;
        }

        Assert.Equal((7, false), ChatLag.Estimate(chat.Chatters, reference, 20, MaxLag, fallback: 7));
    }

    [Fact]
    public async Task One_loud_moment_among_quiet_ones_does_not_set_the_lag()
    {
        const int Window = 20;
        var chat = await RealChatExcerpt.LoadAsync(Parsers.BigRealLog);
        var reference = new float[chat.Seconds];
        reference[Bursts(chat.Chatters, Window, 1)[0] - 16] = 1;

        // Four more moments where nobody talks at any lag: they agree with no delay, and the loud one alone would say 16 s.
        var quiet = Enumerable.Range(0, chat.Seconds - Window - MaxLag)
            .Where(s => Sum(chat.Chatters[s..(s + Window + MaxLag)]) == 0)
            .Aggregate(new List<int>(), (taken, s) => taken.Count < 4 && taken.All(t => s - t >= 600) ? [.. taken, s] : taken);
        Assert.Equal(4, quiet.Count);
        quiet.ForEach(s => reference[s] = 1);

        Assert.Equal((7, false), ChatLag.Estimate(chat.Chatters, reference, Window, MaxLag, fallback: 7));
    }

    [Fact]
    public async Task A_sparse_real_chats_own_notices_keep_the_trained_delay()
    {
        // LiiHS's 7.6 h chat: a dozen subs, gifts, cheers and a raid, about one chatter a window around each; how the
        // chat lines up with them wobbles by chance, and the lag it would read (0 or 18 s) moved every highlight.
        var outcome = await Detectors.Analyzer().AnalyzeAsync(new AnalyzeFiles(Parsers.RealChat(Parsers.BigRealLog), null, null, null), 10, null, CancellationToken.None);

        var chatReasons = outcome.Highlights.Select(h => h.Explanation).Where(e => e.Contains("chat model")).ToList();
        Assert.NotEmpty(chatReasons);
        Assert.All(chatReasons, e => Assert.Contains($"(chat lag {ChatModel.Default.DelaySeconds} s)", e));
    }

    [Fact]
    public async Task Notices_read_from_chat_do_not_line_chat_up_with_their_own_lines()
    {
        // Two dozen subs spread over real chat, each notice a line of its subscriber at the sub's very second, as chat
        // exports carry them: at lag 0 every one lines up with a chatter more, which is the event, not a reaction.
        var chat = await RealChatExcerpt.LoadAsync(Parsers.BigRealLog);
        var subs = new List<EventRecord>();
        for (var i = 1; i <= 24; i++)
        {
            var second = i * 1100 + 7.5;
            chat.Add(second, (ulong)(1000 + i), 0, ChatTextShape.Of("thanks for the stream!"));
            subs.Add(new EventRecord(StreamEventType.Sub, second, 1, $"subscriber{i} subscribed"));
        }

        var outcome = new HighlightScorer(Options.Create(new DetectionOptions())).Score(new DetectionInput(chat, subs, [], null, chat.LastOffset), 10);

        // Left to the real chat around them, the subs line up with nothing in particular: the lag stays about the trained delay.
        var lags = outcome.Highlights.Select(h => Regex.Match(h.Explanation, @"chat lag (\d+) s")).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(lags);
        Assert.All(lags, lag => Assert.InRange(lag, ChatModel.Default.DelaySeconds - 2, ChatModel.Default.DelaySeconds + 2));
    }

    [Fact]
    public async Task Raids_before_the_chats_bursts_set_the_lag_and_each_raid_and_its_reaction_are_one_highlight()
    {
        const int Lag = 16;
        var chat = await RealChatExcerpt.LoadAsync(Parsers.BigRealLog);
        var options = new DetectionOptions();
        var raids = Bursts(chat.Chatters, ChatModel.Default.WindowSeconds, 4)
            .Select(b => new EventRecord(StreamEventType.Raid, b - Lag, 100, "raid"))
            .ToList();

        var outcome = new HighlightScorer(Options.Create(options)).Score(new DetectionInput(chat, raids, [], null, chat.LastOffset));

        // The chat model's peak sits up to a window before the burst it read (its rise is steepest there), so the
        // highlight may start before the raid, never after it.
        Assert.All(raids, raid => Assert.Contains(outcome.Highlights, h =>
            h.Start <= raid.OffsetSeconds && raid.OffsetSeconds - h.Start <= ChatModel.Default.WindowSeconds && h.Explanation.StartsWith("raid; chat model")
            && h.Explanation.Contains($"chat lag {Lag} s measured")));
    }

    private static float Sum(ReadOnlySpan<float> values)
    {
        var sum = 0f;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum;
    }

    /// <summary>
    /// The chat's busiest windows, at least ten minutes apart, each at the first second its window reaches its local
    /// best (so that window is the one a lag lines up, and no earlier one does as well).
    /// </summary>
    private static List<int> Bursts(ReadOnlySpan<float> chatters, int window, int count)
    {
        var sums = new float[chatters.Length - window];
        for (var s = 0; s < sums.Length; s++)
        {
            for (var t = s; t < s + window; t++)
            {
                sums[s] += chatters[t];
            }
        }

        var bursts = new List<int>();
        foreach (var s in Enumerable.Range(MaxLag + window, sums.Length - 2 * (MaxLag + window)).OrderByDescending(s => sums[s]).ThenBy(s => s))
        {
            var neighbourhood = Enumerable.Range(s - MaxLag - window, 2 * (MaxLag + window));
            if (bursts.Count < count && bursts.All(b => Math.Abs(b - s) >= 600) && neighbourhood.All(t => t >= s ? sums[t] <= sums[s] : sums[t] < sums[s]))
            {
                bursts.Add(s);
            }
        }

        return bursts;
    }
}
