namespace VodManager.Core.Detection;

/// <summary>
/// Chat reduced to per-second counts while it streams past, so detection's memory is one entry per second and
/// one per author, never one per line. Each second holds its raw line count and its weighted activity: an author
/// counts once per <see cref="ChatSpikeOptions.ChatterCooldownSeconds"/> (90 lines of one spammer are one chatter),
/// and an emote-heavy line counts up to 1 + <see cref="ChatSpikeOptions.EmoteBoost"/>.
/// </summary>
public sealed class ChatActivity(ChatSpikeOptions options)
{
    private const int EmoteCap = 3;

    private readonly Dictionary<ulong, double> _lastCounted = [];
    private float[] _messages = new float[4096];
    private float[] _weighted = new float[4096];

    /// <summary>Seconds covered (the last line's second + 1).</summary>
    public int Seconds { get; private set; }

    public long Lines { get; private set; }

    public int Authors => _lastCounted.Count;

    public double LastOffset { get; private set; }

    public ReadOnlySpan<float> Messages => _messages.AsSpan(0, Seconds);

    public ReadOnlySpan<float> Weighted => _weighted.AsSpan(0, Seconds);

    public void Add(double offsetSeconds, ulong authorKey, int emotes)
    {
        var second = (int)offsetSeconds;
        if (second >= _messages.Length)
        {
            var size = Math.Max(_messages.Length * 2, second + 1);
            Array.Resize(ref _messages, size);
            Array.Resize(ref _weighted, size);
        }

        Seconds = Math.Max(Seconds, second + 1);
        LastOffset = Math.Max(LastOffset, offsetSeconds);
        Lines++;
        _messages[second]++;

        // Out-of-order lines (some exports interleave) count as long as they are a cooldown away either way.
        if (_lastCounted.TryGetValue(authorKey, out var last) && Math.Abs(offsetSeconds - last) < options.ChatterCooldownSeconds)
        {
            return;
        }

        _lastCounted[authorKey] = offsetSeconds;
        _weighted[second] += 1 + (float)(options.EmoteBoost * Math.Min(emotes, EmoteCap) / EmoteCap);
    }
}
