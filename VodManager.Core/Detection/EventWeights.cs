using System.ComponentModel.DataAnnotations;
using VodManager.Core.Streams;

namespace VodManager.Core.Detection;

/// <summary>Points per event of typical size; <see cref="EventSignal"/> scales them by magnitude.</summary>
public sealed class EventWeights
{
    [Range(0.0, 1000.0)]
    public double Raid { get; set; } = 10;

    [Range(0.0, 1000.0)]
    public double GiftSubs { get; set; } = 8;

    [Range(0.0, 1000.0)]
    public double HypeTrain { get; set; } = 6;

    [Range(0.0, 1000.0)]
    public double Cheer { get; set; } = 5;

    [Range(0.0, 1000.0)]
    public double Sub { get; set; } = 2;

    [Range(0.0, 1000.0)]
    public double Redemption { get; set; } = 1;

    public double Of(StreamEventType type) => type switch
    {
        StreamEventType.Raid => Raid,
        StreamEventType.GiftSubs => GiftSubs,
        StreamEventType.HypeTrain => HypeTrain,
        StreamEventType.Cheer => Cheer,
        StreamEventType.Sub => Sub,
        _ => Redemption,
    };
}
