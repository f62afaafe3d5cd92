using VodManager.Core.Ingest;
using VodManager.Core.Streams;

namespace VodManager.Core.Detection;

/// <summary>
/// Stream events, weighted by type and scaled by magnitude: points = weight × (1 + slope·log10(magnitude / typical)),
/// kept within ¼..2× the weight, so a 250-viewer raid counts more than a 12-viewer one without drowning the rest.
/// Events less than <see cref="DetectionOptions.EventClusterSeconds"/> apart form one cluster. Within a cluster each
/// type gives diminishing returns and at most twice its best event: twenty channel-point redemptions are still a
/// minor moment, while a raid, a gift bomb or a hype train are each one on their own.
/// </summary>
public sealed class EventSignal : SignalTrack
{
    /// <summary>How long an event's moment lasts after its last event in a cluster.</summary>
    public const double SpanSeconds = 10;

    private readonly List<Cluster> _clusters;

    private EventSignal(float[] values, List<Cluster> clusters)
        : base(values)
    {
        _clusters = clusters;
    }

    public override double TailSeconds => SpanSeconds;

    public static EventSignal Compute(IReadOnlyList<EventRecord> events, int seconds, DetectionOptions options)
    {
        var values = new float[seconds];
        var clusters = new List<Cluster>();
        foreach (var e in events.Where(e => e.OffsetSeconds < seconds).OrderBy(e => e.OffsetSeconds))
        {
            if (clusters.Count == 0 || e.OffsetSeconds - clusters[^1].Last > options.EventClusterSeconds)
            {
                clusters.Add(new Cluster(e.OffsetSeconds));
            }

            clusters[^1].Add(e, Points(e, options.EventWeights));
        }

        foreach (var cluster in clusters)
        {
            cluster.Value = (float)Math.Min(1, cluster.Points() / options.EventSaturation);
            for (var s = (int)cluster.First; s <= Math.Min(seconds - 1, (int)cluster.Last); s++)
            {
                values[s] = Math.Max(values[s], cluster.Value);
            }
        }

        return new EventSignal(values, clusters);
    }

    /// <summary>The points one event is worth: its type's weight scaled by how big it is for its kind.</summary>
    public static double Points(EventRecord e, EventWeights weights)
    {
        // Gifts scale fully with their count (one gifted sub is about one sub, not a fifth of a gift bomb);
        // the others by half a decade per decade.
        var (typical, slope) = e.Type switch
        {
            StreamEventType.Raid => (20.0, 0.5),
            StreamEventType.GiftSubs => (5.0, 1.0),
            StreamEventType.HypeTrain => (2.0, 0.5),
            StreamEventType.Cheer => (500.0, 0.5),
            _ => (1.0, 0.5),
        };
        var scale = Math.Clamp(1 + slope * Math.Log10(Math.Max(e.Magnitude, 0.01) / typical), 0.25, 2);
        return weights.Of(e.Type) * scale;
    }

    public override string? Describe(int from, int to)
    {
        var hits = _clusters.Where(c => c.Last >= from && c.First < to + 1 && c.Value > 0).ToList();
        if (hits.Count == 0)
        {
            return null;
        }

        // The biggest events speak for the cluster; a tail of small ones is summarised by count.
        var events = hits.SelectMany(c => c.Events).OrderByDescending(e => e.Points).ToList();
        var named = events.Take(3).Select(e => e.Event.Detail ?? $"{e.Event.Type} ({e.Event.Magnitude:0})");
        var rest = events.Count > 3 ? $" and {events.Count - 3} more events" : "";
        return string.Join(", ", named) + rest;
    }

    private sealed class Cluster(double first)
    {
        public double First { get; } = first;
        public double Last { get; private set; } = first;
        public float Value { get; set; }
        public List<(EventRecord Event, double Points)> Events { get; } = [];

        public void Add(EventRecord e, double points)
        {
            Last = e.OffsetSeconds;
            Events.Add((e, points));
        }

        /// <summary>Per type: the best event in full, each further one half the previous, capped at twice the best.</summary>
        public double Points() => Events
            .GroupBy(e => e.Event.Type)
            .Sum(type =>
            {
                var sorted = type.Select(e => e.Points).OrderDescending().ToList();
                double sum = 0, factor = 1;
                foreach (var p in sorted)
                {
                    sum += p * factor;
                    factor /= 2;
                }

                return Math.Min(sum, 2 * sorted[0]);
            });
    }
}
