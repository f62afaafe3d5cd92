using VodManager.Core.Accounts;

namespace VodManager.Core.Library;

/// <summary>How much of its plan an account uses: bytes on a paid plan, VOD count and bytes on the free tier.</summary>
/// <param name="QuotaBytes">The byte limit the plan sets (the free tier's too); null when unlimited.</param>
/// <param name="UnfinishedUploads">Browser uploads that stopped before their end: each holds its whole size (within the used bytes) until it continues, is discarded or expires.</param>
public sealed record QuotaUsage(string AccountName, AccountPlan Plan, long UsedBytes, long? QuotaBytes, int VodCount, int? MaxVodCount, int UnfinishedUploads = 0, long UnfinishedUploadBytes = 0)
{
    /// <summary>0..1 of the nearer limit (count or bytes); null when unlimited.</summary>
    public double? UsedFraction =>
        MaxVodCount is null && QuotaBytes is null
            ? null
            : Math.Max(Fraction(VodCount, MaxVodCount), Fraction(UsedBytes, QuotaBytes));

    private static double Fraction(long used, long? limit) => limit is { } max ? Math.Clamp((double)used / Math.Max(1, max), 0, 1) : 0;
}
