using VodManager.Core.Library;

namespace VodManager.Core.Quota;

/// <summary>What a writer asks the quota for before writing a VOD's bytes.</summary>
/// <param name="ProtectedVodIds">VODs eviction must never touch for this write (the source being cut, for one).</param>
/// <param name="TakesUpStaged">
/// The write goes on from what a crashed attempt staged under the same key (a download's checkpoints): that attempt's
/// key is kept, not cleared as a partial object would be.
/// </param>
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
    IReadOnlyCollection<int>? ProtectedVodIds = null,
    bool TakesUpStaged = false);
