using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Library;

namespace VodManager.Core.Quota;

/// <summary>
/// Which VODs may go to make room: only clips this app cut, oldest first. Archives (the sources) and platform
/// highlights are never evicted, and callers remove pinned and protected VODs before <see cref="Choose"/>.
/// </summary>
public static class EvictionPolicy
{
    public static IQueryable<Vod> CandidatesQuery(VodDbContext db, int accountId) =>
        db.Vods.Where(v => v.AccountId == accountId
                && v.Status == VodStatus.Stored
                && v.Type == VodType.Highlight
                && v.Provenance == VodProvenance.AutoClip)
            .OrderBy(v => v.CreatedAt)
            .ThenBy(v => v.Id);

    /// <summary>The fewest oldest candidates whose removal makes the write fit; empty when even all of them would not.</summary>
    /// <param name="byteLimit">The account's byte limit on its plan (<see cref="QuotaService.ByteLimitOf"/>); null when unlimited.</param>
    public static List<Vod> Choose(Account account, long? byteLimit, IReadOnlyList<Vod> candidates, long neededBytes, int neededCount)
    {
        var chosen = new List<Vod>();
        var freeBytes = byteLimit - account.UsedBytes;
        var freeCount = account.MaxVodCount - account.VodCount;
        bool Fits() => (freeBytes is null || freeBytes >= neededBytes) && (freeCount is null || freeCount >= neededCount);
        foreach (var vod in candidates)
        {
            if (Fits())
            {
                break;
            }

            chosen.Add(vod);
            freeBytes += vod.SizeBytes;
            freeCount += 1;
        }

        return Fits() ? chosen : [];
    }
}
