using VodManager.Core.Ingest;

namespace VodManager.Core.Detection;

/// <summary>
/// Chat reduced to per-second sums while it streams past, so detection's memory is a few entries per second, one
/// per author and a fixed table of recent first words, never one per line. Each second holds its raw line count,
/// its distinct chatters (an author counts once per <see cref="ChatOptions.ChatterCooldownSeconds"/>: 90 lines of
/// one spammer are one chatter), the total text length, the lines that repeat a recent first word, and the lines
/// carrying an emote. Chat commands and well-known bots' lines count only as lines (the heat strip shows what chat
/// did); the rest leaves them out.
/// </summary>
public sealed class ChatActivity(ChatOptions options)
{
    private const int RecentWords = 4096;

    private readonly AuthorCooldowns _lastCounted = new();
    private readonly (ulong Key, double At)[] _recentWords = new (ulong, double)[RecentWords];
    private float[] _messages = new float[4096];
    private float[] _remarks = new float[4096];
    private float[] _chatters = new float[4096];
    private float[] _length = new float[4096];
    private float[] _repeats = new float[4096];
    private float[] _emotes = new float[4096];

    /// <summary>Seconds covered (the last line's second + 1).</summary>
    public int Seconds { get; private set; }

    public long Lines { get; private set; }

    public double LastOffset { get; private set; }

    /// <summary>Every line per second, commands included.</summary>
    public ReadOnlySpan<float> Messages => _messages.AsSpan(0, Seconds);

    /// <summary>Lines per second other than commands: what the chat model counts.</summary>
    public ReadOnlySpan<float> Remarks => _remarks.AsSpan(0, Seconds);

    /// <summary>Distinct chatters per second (cooldown applied).</summary>
    public ReadOnlySpan<float> Chatters => _chatters.AsSpan(0, Seconds);

    public ReadOnlySpan<float> TextLength => _length.AsSpan(0, Seconds);

    public ReadOnlySpan<float> Repeats => _repeats.AsSpan(0, Seconds);

    public ReadOnlySpan<float> EmoteLines => _emotes.AsSpan(0, Seconds);

    /// <param name="emotes">Emotes the export marked on the line (fragments); known emote words in the text count too.</param>
    /// <param name="fromBot">Written by a well-known bot: a line, and nothing the model reads.</param>
    public void Add(double offsetSeconds, ulong authorKey, int emotes, ChatTextShape shape, bool fromBot = false)
    {
        var second = (int)offsetSeconds;
        if (second >= _messages.Length)
        {
            var size = Math.Max(_messages.Length * 2, second + 1);
            Array.Resize(ref _messages, size);
            Array.Resize(ref _remarks, size);
            Array.Resize(ref _chatters, size);
            Array.Resize(ref _length, size);
            Array.Resize(ref _repeats, size);
            Array.Resize(ref _emotes, size);
        }

        Seconds = Math.Max(Seconds, second + 1);
        LastOffset = Math.Max(LastOffset, offsetSeconds);
        Lines++;
        _messages[second]++;

        // A command asks a bot for something: a giveaway's hundreds of "!enter" lines would be the stream's busiest,
        // shortest and most repeated chat, everything the model reads as a reaction, and they react to nothing; nor
        // do the bot's replies and timers.
        if (shape.Command || fromBot)
        {
            return;
        }

        _remarks[second]++;
        _length[second] += shape.Length;
        _emotes[second] += emotes > 0 || shape.Emotes > 0 ? 1 : 0;
        if (shape.Key != 0)
        {
            // A fixed table keyed by the word's hash: a collision forgets a word early, which only undercounts.
            ref var slot = ref _recentWords[(int)(shape.Key % RecentWords)];
            _repeats[second] += slot.Key == shape.Key && Math.Abs(offsetSeconds - slot.At) <= options.RepeatSeconds ? 1 : 0;
            slot = (shape.Key, offsetSeconds);
        }

        // One lookup per line; out-of-order lines (some exports interleave) count as long as they are a cooldown away either way.
        ref var last = ref _lastCounted.Last(authorKey, out var seen);
        if (seen && Math.Abs(offsetSeconds - last) < options.ChatterCooldownSeconds)
        {
            return;
        }

        last = offsetSeconds;
        _chatters[second]++;
    }
}
