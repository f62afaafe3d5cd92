using System.Text.RegularExpressions;
using VodManager.Core.Detection;
using VodManager.Core.Ingest;
using VodManager.Tests.Fixtures;
using VodManager.Tests.Ingest;

namespace VodManager.Tests.Detection;

/// <summary>
/// Each chat feature on real chat: LiiHS's 7.6 h stream (the committed real log) around the laughing burst at
/// ~15,910 s (eleven chatters in twenty seconds, mostly KEKW, WutFace, monkaS) and a quiet stretch before it. Every
/// value is checked against a brute-force count over the parsed lines, then against what reading the chat says.
/// </summary>
public sealed class ChatFeaturesTests
{
    private const int Burst = 15910;
    private const int Quiet = 15850;
    private const int Window = 20;

    private static readonly ChatOptions Options = new();
    private static readonly Lazy<Task<(ChatActivity Activity, List<ChatRecord> Lines)>> Real = new(LoadAsync);

    private static async Task<(ChatActivity, List<ChatRecord>)> LoadAsync()
    {
        var path = Parsers.RealChat(Parsers.BigRealLog);
        var input = await Detectors.Analyzer().LoadAsync(new AnalyzeFiles(path, null, null, null), null, CancellationToken.None);
        return (input.Chat!, await Parsers.ChatAsync(path));
    }

    private static async Task<(ChatFeatures Features, Oracle Oracle)> ComputeAsync()
    {
        var (activity, lines) = await Real.Value;
        return (ChatFeatures.Compute(activity, activity.Seconds, Window, 0, Options), new Oracle(lines, activity.Seconds));
    }

    [Theory]
    [InlineData(Burst)]
    [InlineData(Quiet)]
    public async Task Level_is_distinct_chatters_against_the_streams_own_rate(int second)
    {
        var (features, oracle) = await ComputeAsync();
        var level = (int)Options.LevelSeconds;
        var span = Math.Min(second + level, oracle.Seconds) - Math.Max(second - level, 0);

        var expected = Math.Log((oracle.Chatters(second, second + Window) + 0.5) / (oracle.Chatters(second - level, second + level) / (double)span * Window + 0.5));

        Assert.Equal(expected, features[0, second], 4);
    }

    [Fact]
    public async Task The_laughing_burst_has_many_times_the_usual_chatters_and_more_than_just_before()
    {
        var (features, oracle) = await ComputeAsync();
        var recent = (int)Options.RecentSeconds;

        Assert.Equal(11, oracle.Chatters(Burst, Burst + Window));
        Assert.True(features[0, Burst] > Math.Log(4), $"level {features[0, Burst]}");
        Assert.True(features[0, Quiet] < features[0, Burst] - 1, $"quiet {features[0, Quiet]} vs burst {features[0, Burst]}");
        Assert.Equal(Math.Log((11 + 0.5) / (oracle.Chatters(Burst - recent, Burst) / (double)recent * Window + 0.5)), features[1, Burst], 4);
        Assert.Equal(Math.Log((11 + 0.5) / (oracle.Chatters(Burst - Window, Burst) + 0.5)), features[2, Burst], 4);
        Assert.True(features[1, Burst] > Math.Log(2) && features[2, Burst] > Math.Log(2), $"recent {features[1, Burst]}, rise {features[2, Burst]}");
    }

    [Fact]
    public async Task Reactions_are_shorter_than_the_streams_usual_line()
    {
        var (features, oracle) = await ComputeAsync();
        var level = (int)Options.LevelSeconds;

        var expected = Math.Log((oracle.MeanLength(Burst, Burst + Window) + 1) / (oracle.MeanLength(Burst - level, Burst + level) + 1));

        Assert.Equal(expected, features[3, Burst], 4);
        Assert.True(features[3, Burst] < -0.5, $"length {features[3, Burst]}");
    }

    [Fact]
    public async Task A_chat_repeating_KEKW_and_emoting_scores_above_its_usual_shares()
    {
        var (features, oracle) = await ComputeAsync();
        var level = (int)Options.LevelSeconds;

        Assert.Equal(oracle.RepeatShare(Burst, Burst + Window) - oracle.RepeatShare(Burst - level, Burst + level), features[4, Burst], 4);
        Assert.Equal(oracle.EmoteShare(Burst, Burst + Window) - oracle.EmoteShare(Burst - level, Burst + level), features[5, Burst], 4);
        Assert.True(features[4, Burst] > 0.1, $"repeats {features[4, Burst]}");
        Assert.True(features[5, Burst] > 0.3, $"emotes {features[5, Burst]}");
    }

    [Fact]
    public async Task Lines_and_the_first_seconds_chatters_are_counted_against_the_streams_own_rate()
    {
        var (features, oracle) = await ComputeAsync();
        var level = (int)Options.LevelSeconds;
        var span = Math.Min(Burst + level, oracle.Seconds) - Math.Max(Burst - level, 0);
        const int Short = ChatFeatures.BurstSeconds;

        var lines = Math.Log((oracle.Lines(Burst, Burst + Window) + 0.5) / (oracle.Lines(Burst - level, Burst + level) / (double)span * Window + 0.5));
        var burst = Math.Log((oracle.Chatters(Burst, Burst + Short) + 0.5) / (oracle.Chatters(Burst - level, Burst + level) / (double)span * Short + 0.5));

        Assert.Equal(lines, features[ChatFeatures.Column("lines"), Burst], 4);
        Assert.Equal(burst, features[ChatFeatures.Column("burst"), Burst], 4);
        Assert.True(features[ChatFeatures.Column("lines"), Burst] > Math.Log(3), $"lines {features[ChatFeatures.Column("lines"), Burst]}");
        Assert.True(features[ChatFeatures.Column("lines"), Quiet] < features[ChatFeatures.Column("lines"), Burst] - 1, "the quiet stretch has fewer lines than the burst");
    }

    [Fact]
    public async Task The_delay_reads_the_window_that_many_seconds_later()
    {
        var (activity, _) = await Real.Value;
        var (undelayed, _) = await ComputeAsync();

        var delayed = ChatFeatures.Compute(activity, activity.Seconds, Window, 12, Options);

        for (var f = 0; f < delayed.Count; f++)
        {
            Assert.Equal(undelayed[f, Burst], delayed[f, Burst - 12], 4);
        }
    }

    [LightorFact]
    public async Task On_a_labelled_dota2_stream_the_seconds_before_chat_reacts_have_more_chatters_than_the_rest()
    {
        const string Stream = "sing_sing-past";
        var input = await Detectors.Analyzer().LoadAsync(new AnalyzeFiles(Lightor.Chat("dota2-train", Stream), null, null, null), null, CancellationToken.None);
        var moments = await Lightor.MomentsAsync("dota2-train", Stream);
        var features = ChatFeatures.Compute(input.Chat!, input.Chat!.Seconds, Window, 10, Options);

        var seconds = Enumerable.Range(0, features.Seconds).ToLookup(s => moments.Any(m => HighlightMetric.IsRight(s, m)));
        var inside = seconds[true].Average(s => Math.Exp(features[0, s]));
        var outside = seconds[false].Average(s => Math.Exp(features[0, s]));

        Assert.True(seconds[true].Count() > 100, $"{seconds[true].Count()} labelled seconds");
        Assert.True(inside > 1.3 * outside, $"chatters × level: {inside:0.00} in labelled moments, {outside:0.00} elsewhere");
    }

    /// <summary>The features' quantities counted line by line, the slow obvious way.</summary>
    private sealed class Oracle(List<ChatRecord> lines, int seconds)
    {
        private readonly List<(double At, bool Chatter, bool Repeat, bool Emote, int Length)> _lines = Mark(lines);

        public int Seconds => seconds;

        public int Chatters(int from, int to) => In(from, to).Count(l => l.Chatter);

        public int Lines(int from, int to) => In(from, to).Count();

        public double MeanLength(int from, int to) => In(from, to).Average(l => l.Length);

        public double RepeatShare(int from, int to) => In(from, to).Average(l => l.Repeat ? 1.0 : 0);

        public double EmoteShare(int from, int to) => In(from, to).Average(l => l.Emote ? 1.0 : 0);

        private IEnumerable<(double At, bool Chatter, bool Repeat, bool Emote, int Length)> In(int from, int to) =>
            _lines.Where(l => (int)l.At >= from && (int)l.At < to);

        private static List<(double, bool, bool, bool, int)> Mark(List<ChatRecord> lines)
        {
            var counted = new Dictionary<ulong, double>();
            var words = new Dictionary<ulong, double>();
            var marked = new List<(double, bool, bool, bool, int)>();
            // Commands ("!bgrank") ask the channel's bot for something, and the well-known bots' timers and replies are
            // nobody reacting: both are left out of every feature.
            foreach (var line in lines.Where(l => !Regex.IsMatch(l.Text, @"^\s*![A-Za-z0-9]") && l.AuthorName is not ("StreamElements" or "Nightbot")).OrderBy(l => l.OffsetSeconds))
            {
                var chatter = !counted.TryGetValue(line.AuthorKey, out var last) || line.OffsetSeconds - last >= Options.ChatterCooldownSeconds;
                if (chatter)
                {
                    counted[line.AuthorKey] = line.OffsetSeconds;
                }

                var key = line.Shape.Key;
                var repeat = key != 0 && words.TryGetValue(key, out var said) && line.OffsetSeconds - said <= Options.RepeatSeconds;
                if (key != 0)
                {
                    words[key] = line.OffsetSeconds;
                }

                marked.Add((line.OffsetSeconds, chatter, repeat, line.Emotes > 0 || line.Shape.Emotes > 0, line.Shape.Length));
            }

            return marked;
        }
    }
}
