using VodManager.Core.Editing;

namespace VodManager.Web.Components.Timeline;

/// <summary>Events close enough on the minimap to share one marker; the marker shows the weightiest.</summary>
public sealed record EventCluster(double AtSeconds, IReadOnlyList<TimelineEvent> Events)
{
    public TimelineEvent Lead => Events.MaxBy(e => (EventStyle.Weight(e.Type), e.Magnitude))!;

    /// <summary>Groups time-ordered events so no two markers are closer than <paramref name="minGapPx"/> at this scale.</summary>
    public static IReadOnlyList<EventCluster> Group(IReadOnlyList<TimelineEvent> events, TimelineScale scale, double minGapPx = 16)
    {
        var clusters = new List<EventCluster>();
        var current = new List<TimelineEvent>();
        foreach (var e in events.OrderBy(e => e.OffsetSeconds))
        {
            if (current.Count > 0 && scale.ToPixel(e.OffsetSeconds) - scale.ToPixel(current[0].OffsetSeconds) >= minGapPx)
            {
                clusters.Add(new EventCluster(current[0].OffsetSeconds, current));
                current = [];
            }

            current.Add(e);
        }

        if (current.Count > 0)
        {
            clusters.Add(new EventCluster(current[0].OffsetSeconds, current));
        }

        return clusters;
    }
}
