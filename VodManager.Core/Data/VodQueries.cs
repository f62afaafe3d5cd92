using VodManager.Core.Data.Entities;
using VodManager.Core.Library;

namespace VodManager.Core.Data;

public static class VodQueries
{
    /// <summary>
    /// A stream's stored source videos, newest first: the first is the one every feature reads (a re-import adds a
    /// newer one before the old one is deleted).
    /// </summary>
    public static IQueryable<Vod> StoredSourcesOf(this IQueryable<Vod> vods, int accountId, int streamId) =>
        vods.Where(v => v.AccountId == accountId && v.StreamId == streamId && v.Type == VodType.Archive && v.Status == VodStatus.Stored)
            .OrderByDescending(v => v.Id);
}
