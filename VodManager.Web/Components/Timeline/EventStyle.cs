using System.Globalization;
using MudBlazor;
using VodManager.Core.Editing;
using VodManager.Core.Streams;

namespace VodManager.Web.Components.Timeline;

/// <summary>How the minimap draws a stream event: an icon and colour per type, and a line that says how big it was.</summary>
public static class EventStyle
{
    public static string Icon(StreamEventType type) => type switch
    {
        StreamEventType.Raid => Icons.Material.Filled.Groups,
        StreamEventType.GiftSubs => Icons.Material.Filled.CardGiftcard,
        StreamEventType.HypeTrain => Icons.Material.Filled.Train,
        StreamEventType.Cheer => Icons.Material.Filled.Diamond,
        StreamEventType.Sub => Icons.Material.Filled.Star,
        _ => Icons.Material.Filled.Redeem,
    };

    public static string Color(StreamEventType type) => type switch
    {
        StreamEventType.Raid => "#f87171",
        StreamEventType.GiftSubs => "#f472b6",
        StreamEventType.HypeTrain => "#fb923c",
        StreamEventType.Cheer => "#a78bfa",
        StreamEventType.Sub => "#facc15",
        _ => "#94a3b8",
    };

    /// <summary>The bigger the type, the more a marker that stands for several events shows it (the spec's weights order).</summary>
    public static int Weight(StreamEventType type) => type switch
    {
        StreamEventType.Raid => 10,
        StreamEventType.GiftSubs => 8,
        StreamEventType.HypeTrain => 6,
        StreamEventType.Cheer => 5,
        StreamEventType.Sub => 2,
        _ => 1,
    };

    /// <summary>"Raid · 250 viewers at 2:28 (friendly_streamer)".</summary>
    public static string Describe(TimelineEvent e)
    {
        var m = e.Magnitude.ToString("0.##", CultureInfo.InvariantCulture);
        var what = e.Type switch
        {
            StreamEventType.Raid => $"Raid · {m} viewers",
            StreamEventType.GiftSubs => $"Gift subs · {m}",
            StreamEventType.HypeTrain => $"Hype train · level {m}",
            StreamEventType.Cheer => $"Cheer · {m} bits",
            StreamEventType.Sub => $"Sub · tier {m}",
            _ => "Channel-point redemption",
        };
        return $"{what} at {Format.Clock(e.OffsetSeconds)}{(string.IsNullOrWhiteSpace(e.Detail) ? "" : $" ({e.Detail})")}";
    }
}
