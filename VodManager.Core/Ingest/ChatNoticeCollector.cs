using VodManager.Core.Streams;

namespace VodManager.Core.Ingest;

/// <summary>
/// Turns the notices found in a chat log into stream events. Twitch announces a gift of N subs once and then posts
/// N single-gift notices; the gifts of one sender within <see cref="GiftMergeSeconds"/> become one event of the real size.
/// </summary>
public sealed class ChatNoticeCollector
{
    private const double GiftMergeSeconds = 30;

    private readonly List<EventRecord> _events = [];
    private readonly Dictionary<string, GiftRun> _gifts = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<EventRecord> Events => _events;

    public void Add(double offset, ChatNotice notice)
    {
        if (notice.Type != StreamEventType.GiftSubs)
        {
            _events.Add(new EventRecord(notice.Type, offset, notice.Magnitude, notice.Detail));
            return;
        }

        if (!_gifts.TryGetValue(notice.Sender, out var run) || offset - run.LastOffset > GiftMergeSeconds || offset < run.LastOffset - GiftMergeSeconds)
        {
            run = new GiftRun { Index = _events.Count, FirstOffset = offset };
            _events.Add(default);
            _gifts[notice.Sender] = run;
        }

        run.FirstOffset = Math.Min(run.FirstOffset, offset);
        run.LastOffset = Math.Max(run.LastOffset, offset);
        if (notice.Mystery)
        {
            run.Announced += notice.Magnitude;
        }
        else
        {
            run.Singles += notice.Magnitude;
        }

        var total = Math.Max(run.Announced, run.Singles);
        _events[run.Index] = new EventRecord(StreamEventType.GiftSubs, run.FirstOffset, total, $"{notice.Sender} gifted {total:0} {notice.Gift}{(total == 1 ? "" : "s")}");
    }

    private sealed class GiftRun
    {
        public int Index;
        public double FirstOffset;
        public double LastOffset = double.MinValue;
        public double Announced;
        public double Singles;
    }
}
