using VodManager.Core.Data.Entities;

namespace VodManager.Core.Library;

/// <summary>How much of its plan an account uses: bytes on a paid plan, VOD count on the free tier.</summary>
public sealed record QuotaUsage(string AccountName, AccountPlan Plan, long UsedBytes, long? QuotaBytes, int VodCount, int? MaxVodCount)
{
    /// <summary>0..1 of the binding limit (count on the free tier, bytes otherwise); null when unlimited.</summary>
    public double? UsedFraction =>
        MaxVodCount is { } max ? Math.Clamp((double)VodCount / Math.Max(1, max), 0, 1)
        : QuotaBytes is { } quota ? Math.Clamp((double)UsedBytes / Math.Max(1, quota), 0, 1)
        : null;
}
