namespace VodManager.Core.Detection;

/// <summary>
/// The chat model's features for a highlight starting at each second s, read from the window of chat that reacts to
/// it, [s + delay, s + delay + window): distinct chatters against the stream's own level (±<see cref="ChatOptions.LevelSeconds"/>),
/// against the recent baseline (<see cref="ChatOptions.RecentSeconds"/> before the window) and against the window
/// just before (a rise), the mean line length against the stream's (reactions are short), and the shares of lines
/// repeating a recent first word and of lines with an emote, above the stream's own shares; raw lines against the
/// stream's level (the plain volume count, spam included, commands not: <see cref="ChatActivity.Remarks"/>), and the
/// chatters of the window's first <see cref="BurstSeconds"/> against the level (a second, shorter scale: a reaction
/// starts at once). Prefix sums make each second O(1). A model may use any subset of them (<see cref="ChatModel.Features"/>).
/// </summary>
public sealed class ChatFeatures
{
    public static readonly IReadOnlyList<string> Names = ["level", "recent", "rise", "length", "repeats", "emotes", "lines", "burst"];

    /// <summary>The short scale of the "burst" feature (s).</summary>
    public const int BurstSeconds = 10;

    private readonly float[][] _values;

    /// <summary>Where feature <paramref name="name"/> sits in <see cref="Names"/>, or -1.</summary>
    public static int Column(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    private ChatFeatures(float[][] values, int seconds)
    {
        (_values, Seconds) = (values, seconds);
    }

    public int Seconds { get; }

    public int Count => Names.Count;

    /// <summary>Feature <paramref name="feature"/> of a highlight starting at <paramref name="second"/>.</summary>
    public float this[int feature, int second] => _values[feature][second];

    public void CopyTo(int second, Span<double> destination)
    {
        for (var f = 0; f < _values.Length; f++)
        {
            destination[f] = _values[f][second];
        }
    }

    public static ChatFeatures Compute(ChatActivity chat, int seconds, int window, int delay, ChatOptions options)
    {
        var chatters = Prefix(chat.Chatters);
        var lines = Prefix(chat.Remarks);
        var length = Prefix(chat.TextLength);
        var repeats = Prefix(chat.Repeats);
        var emotes = Prefix(chat.EmoteLines);
        var level = (int)options.LevelSeconds;
        var recent = (int)options.RecentSeconds;
        var values = Names.Select(_ => new float[seconds]).ToArray();
        for (var s = 0; s < seconds; s++)
        {
            var (a, b) = (s + delay, s + delay + window);
            var here = Sum(chatters, a, b);
            var levelSpan = Span(a - level, a + level, chat.Seconds);
            var levelRate = Sum(chatters, a - level, a + level) / levelSpan;
            var recentRate = a - recent >= 0 ? Sum(chatters, a - recent, a) / recent : levelRate;
            var count = Sum(lines, a, b);
            var levelLines = Sum(lines, a - level, a + level);
            var meanLength = levelLines > 0 ? Sum(length, a - level, a + level) / levelLines : 0;
            values[0][s] = (float)Math.Log((here + 0.5) / (levelRate * window + 0.5));
            values[1][s] = (float)Math.Log((here + 0.5) / (recentRate * window + 0.5));
            values[2][s] = (float)Math.Log((here + 0.5) / (Sum(chatters, a - window, a) + 0.5));
            values[3][s] = count > 0 ? (float)Math.Log((Sum(length, a, b) / count + 1) / (meanLength + 1)) : 0;
            // Shares against the stream's own: a chat that always repeats itself or always emotes is not always at a highlight.
            var usualRepeats = levelLines > 0 ? Sum(repeats, a - level, a + level) / levelLines : 0;
            var usualEmotes = levelLines > 0 ? Sum(emotes, a - level, a + level) / levelLines : 0;
            values[4][s] = count > 0 ? (float)(Sum(repeats, a, b) / count - usualRepeats) : 0;
            values[5][s] = count > 0 ? (float)(Sum(emotes, a, b) / count - usualEmotes) : 0;
            values[6][s] = (float)Math.Log((count + 0.5) / (levelLines / levelSpan * window + 0.5));
            var burst = Math.Min(window, BurstSeconds);
            values[7][s] = (float)Math.Log((Sum(chatters, a, a + burst) + 0.5) / (levelRate * burst + 0.5));
        }

        return new ChatFeatures(values, seconds);
    }

    private static double Span(int from, int to, int seconds) => Math.Max(1, Math.Min(to, seconds) - Math.Max(from, 0));

    private static double Sum(double[] prefix, int from, int to)
    {
        var last = prefix.Length - 1;
        return prefix[Math.Clamp(to, 0, last)] - prefix[Math.Clamp(from, 0, last)];
    }

    private static double[] Prefix(ReadOnlySpan<float> values)
    {
        var prefix = new double[values.Length + 1];
        for (var i = 0; i < values.Length; i++)
        {
            prefix[i + 1] = prefix[i] + values[i];
        }

        return prefix;
    }
}
