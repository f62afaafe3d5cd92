using VodManager.Core.Library;

namespace VodManager.Core.Quota;

/// <summary>What a writer asks the quota for before writing a VOD's bytes.</summary>
/// <param name="ProtectedVodIds">VODs eviction must never touch for this write (the source being cut, for one).</param>
public sealed record VodReservation(
    int AccountId,
    int? StreamId,
    VodType Type,
    VodProvenance? Provenance,
    string ExternalId,
    string Title,
    string StorageKey,
    long EstimatedBytes,
    int? HighlightId = null,
    IReadOnlyCollection<int>? ProtectedVodIds = null);
