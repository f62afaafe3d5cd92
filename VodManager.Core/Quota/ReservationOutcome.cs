using VodManager.Core.Data.Entities;

namespace VodManager.Core.Quota;

/// <param name="Vod">The pending row that now holds the reservation, or the stored row when the work was already done.</param>
/// <param name="AlreadyStored">True when a VOD with this external id is already stored: nothing to write.</param>
/// <param name="StaleKey">The storage key of an earlier, interrupted attempt; the caller must delete it before writing.</param>
/// <param name="EvictedVodIds">Clips removed to make room.</param>
public sealed record ReservationOutcome(Vod Vod, bool AlreadyStored, string? StaleKey, IReadOnlyList<int> EvictedVodIds);
