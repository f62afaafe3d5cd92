using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Library;

namespace VodManager.Core.Export;

/// <summary>Read side of exports, scoped to an account: what the clips library lists under each clip.</summary>
public sealed class ExportLibrary(IDbContextFactory<VodDbContext> dbFactory)
{
    /// <summary>The account's stored exports of <paramref name="clipVodIds"/> (a page of the library), by the clip they came from.</summary>
    public async Task<ILookup<int, ExportEntry>> ByClipAsync(int accountId, IReadOnlyCollection<int> clipVodIds, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await Stored(db, accountId).Where(v => clipVodIds.Contains(v.SourceVodId!.Value)).OrderBy(v => v.Id).ToListAsync(cancellationToken);
        return rows.Select(ToEntry).ToLookup(e => e.ClipVodId);
    }

    /// <summary>The stored export of exactly this spec, or null.</summary>
    public async Task<ExportEntry?> FindAsync(ExportSpec spec, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await Stored(db, spec.AccountId).SingleOrDefaultAsync(v => v.ExternalId == spec.ExternalId, cancellationToken);
        return row is null ? null : ToEntry(row);
    }

    private static IQueryable<Vod> Stored(VodDbContext db, int accountId) =>
        db.Vods.AsNoTracking().Where(v => v.AccountId == accountId && v.Type == VodType.Export && v.Status == VodStatus.Stored && v.SourceVodId != null);

    private static ExportEntry ToEntry(Vod v) => new(
        v.Id, v.SourceVodId!.Value, v.Title, v.ExportProfile ?? "?", v.ExportFraming ?? "center", v.ExportChat == true, v.ExportCaptions == true,
        v.Width, v.Height, v.DurationSeconds, v.SizeBytes, v.StorageKey);
}
