using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Editing;
using VodManager.Core.Ingest.Uploads;
using VodManager.Core.Jobs;
using VodManager.Core.Quota;

namespace VodManager.Core.Library;

/// <summary>
/// The clips library and the quota bar, scoped to an account. Deleting goes through <c>QuotaService</c>; deleting and
/// renaming are recorded on the highlight.
/// </summary>
public sealed class ClipLibrary(IDbContextFactory<VodDbContext> dbFactory, QuotaService quota, IProgressBus bus, TimeProvider time)
{
    /// <summary>The longest title a clip may have (the column's size).</summary>
    public const int MaxTitleLength = Vod.MaxTitleLength;

    /// <summary>The most clips one page holds.</summary>
    public const int MaxPageSize = 500;

    /// <summary>
    /// Gives a stored clip the editor's title: its downloads and exports are named by it. Surrounding spaces are
    /// dropped; an empty title, one longer than <see cref="MaxTitleLength"/> or one with line breaks is refused.
    /// </summary>
    /// <returns>The title as stored.</returns>
    public async Task<string> RenameAsync(int accountId, int vodId, string? title, string actor, CancellationToken cancellationToken)
    {
        var name = (title ?? "").Trim();
        if (name.Length == 0)
        {
            throw new ClipLibraryException("A clip's title cannot be empty.");
        }

        if (name.Length > MaxTitleLength)
        {
            throw new ClipLibraryException($"A clip's title can be at most {MaxTitleLength} characters long; this one has {name.Length}.");
        }

        if (name.Any(char.IsControl))
        {
            throw new ClipLibraryException("A clip's title must be one line, without tabs or other control characters.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var changedStream = await db.InTransactionAsync(async ct =>
        {
            var clip = await db.Vods.Where(v => v.Id == vodId && v.AccountId == accountId && v.Type == VodType.Highlight && v.Status == VodStatus.Stored)
                .Select(v => new { v.Title, v.StreamId }).SingleOrDefaultAsync(ct) ?? throw new VodNotFoundException(vodId);
            if (clip.Title == name)
            {
                return null;
            }

            await db.Vods.Where(v => v.Id == vodId).ExecuteUpdateAsync(s => s.SetProperty(v => v.Title, name), ct);
            if (await db.Highlights.Where(h => h.AccountId == accountId && h.ClipVodId == vodId).Select(h => (int?)h.Id).FirstOrDefaultAsync(ct) is { } highlightId)
            {
                // The old and the new title, a few hundred characters each at most, fit the detail column (1,000) as they are.
                db.HighlightActivities.Add(new HighlightActivity
                {
                    HighlightId = highlightId, Action = HighlightActions.ClipRenamed, Actor = actor, Detail = $"\"{clip.Title}\" → \"{name}\"", At = time.GetUtcNow().UtcDateTime,
                });
                await db.SaveChangesAsync(ct);
            }

            return clip.StreamId;
        }, cancellationToken);
        if (changedStream is { } stream)
        {
            bus.PublishChange(new StreamChange(accountId, stream, StreamChangeKind.Clip));
        }

        return name;
    }

    /// <summary>
    /// Deletes a stored VOD, freeing its quota: every page deletes through here. When it is a highlight's clip, who did it
    /// goes into the highlight's history. A clip's exports and a source's browser copy go with it (<see cref="QuotaService.DeleteAsync"/>).
    /// </summary>
    public async Task DeleteAsync(int accountId, int vodId, string actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var highlightId = await db.Highlights.Where(h => h.AccountId == accountId && h.ClipVodId == vodId).Select(h => (int?)h.Id).FirstOrDefaultAsync(cancellationToken);
        var streamId = await db.Vods.Where(v => v.AccountId == accountId && v.Id == vodId).Select(v => v.StreamId).FirstOrDefaultAsync(cancellationToken);
        await quota.DeleteAsync(accountId, vodId, cancellationToken);
        if (highlightId is { } id)
        {
            db.HighlightActivities.Add(new HighlightActivity { HighlightId = id, Action = HighlightActions.ClipDeleted, Actor = actor, Detail = $"clip VOD {vodId}", At = time.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(CancellationToken.None); // the clip is gone already: its record must not be lost to a late cancel
        }

        if (streamId is { } stream)
        {
            bus.PublishChange(new StreamChange(accountId, stream, StreamChangeKind.Clip));
        }
    }

    /// <summary>
    /// One page of the account's stored clips (not pending, not deleted) that match <paramref name="query"/>, newest
    /// first, and how many match in all: a library of hundreds of clips is never read, or signed for download, whole.
    /// </summary>
    public async Task<ClipPage> PageAsync(int accountId, ClipQuery query, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var clips = db.Vods.AsNoTracking().Where(v => v.AccountId == accountId && v.Type == VodType.Highlight && v.Status == VodStatus.Stored);
        if (query.StreamId is { } streamId)
        {
            clips = clips.Where(v => v.StreamId == streamId);
        }

        if (query.Search?.Trim().ToLowerInvariant() is { Length: > 0 } term)
        {
            clips = clips.Where(v => v.Title.ToLower().Contains(term)
                || (v.Stream != null && (v.Stream.Title.ToLower().Contains(term) || v.Stream.Channel.ToLower().Contains(term))));
        }

        var total = await clips.CountAsync(cancellationToken);
        var items = await clips
            .OrderByDescending(v => v.StoredAt ?? v.CreatedAt)
            .ThenByDescending(v => v.Id)
            .Skip(Math.Max(0, skip))
            .Take(Math.Clamp(take, 1, MaxPageSize))
            .Select(v => new ClipEntry(
                v.Id,
                v.Title,
                v.Provenance,
                v.StreamId,
                v.Stream == null ? null : v.Stream.Title,
                v.HighlightId,
                db.Highlights.Where(h => h.Id == v.HighlightId).Select(h => (int?)h.Rank).FirstOrDefault(),
                v.SizeBytes,
                v.DurationSeconds,
                v.SourceStartSeconds,
                v.SourceEndSeconds,
                v.StoredAt ?? v.CreatedAt,
                v.StorageKey))
            .ToListAsync(cancellationToken);
        return new ClipPage(items, total);
    }

    public async Task<QuotaUsage> GetUsageAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var a = await db.Accounts.AsNoTracking().SingleAsync(x => x.Id == accountId, cancellationToken);
        var unfinished = await db.VideoUploads.AsNoTracking()
            .Where(u => u.AccountId == accountId && u.Status == VideoUploadStatus.Uploading)
            .Select(u => u.Length)
            .ToListAsync(cancellationToken);
        return new QuotaUsage(a.Name, a.Plan, a.UsedBytes, quota.ByteLimitOf(a), a.VodCount, a.MaxVodCount, unfinished.Count, unfinished.Sum());
    }
}
