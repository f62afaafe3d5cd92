using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Library;

namespace VodManager.Core.Streams;

/// <summary>Read side of streams for the editor; every query is scoped to one account.</summary>
public sealed class StreamCatalog(IDbContextFactory<VodDbContext> dbFactory)
{
    public async Task<IReadOnlyList<StreamSummary>> ListAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Summaries(db.Streams.Where(s => s.AccountId == accountId).OrderByDescending(s => s.StartedAt)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// One page of the account's streams whose title or channel contains <paramref name="search"/> (any case), by start
    /// time, and how many match in all: an account with hundreds of streams is never read whole.
    /// </summary>
    public async Task<StreamPage> PageAsync(int accountId, string? search, bool newestFirst, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var streams = db.Streams.Where(s => s.AccountId == accountId);
        if (search?.Trim().ToLowerInvariant() is { Length: > 0 } term)
        {
            streams = streams.Where(s => s.Title.ToLower().Contains(term) || s.Channel.ToLower().Contains(term));
        }

        var total = await streams.CountAsync(cancellationToken);
        var ordered = newestFirst ? streams.OrderByDescending(s => s.StartedAt).ThenByDescending(s => s.Id) : streams.OrderBy(s => s.StartedAt).ThenBy(s => s.Id);
        var items = await Summaries(ordered.Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500))).ToListAsync(cancellationToken);
        return new StreamPage(items, total);
    }

    /// <summary>
    /// The channel of the account's newest stream, or null without streams: most accounts clip one channel, so a new
    /// stream whose files do not name theirs (a video alone) is most likely of it.
    /// </summary>
    public async Task<string?> LastChannelAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Streams.Where(s => s.AccountId == accountId).OrderByDescending(s => s.Id).Select(s => s.Channel).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The stream, or null when it does not exist in this account (another account's id is "not found").</summary>
    public async Task<StreamSummary?> GetAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Summaries(db.Streams.Where(s => s.AccountId == accountId && s.Id == streamId)).SingleOrDefaultAsync(cancellationToken);
    }

    private static IQueryable<StreamSummary> Summaries(IQueryable<LiveStream> streams) =>
        streams.AsNoTracking().Select(s => new StreamSummary(
            s.Id,
            s.Title,
            s.Channel,
            s.StartedAt,
            s.DurationSeconds,
            s.Vods.Where(v => v.Type == VodType.Archive && v.Status == VodStatus.Stored).OrderByDescending(v => v.Id).Select(v => (int?)v.Id).FirstOrDefault(),
            s.ChatImportedAt,
            s.EventsImportedAt != null,
            s.TranscriptImportedAt != null,
            s.DetectedAt,
            s.Highlights.Count(h => !h.Dismissed),
            s.Vods.Count(v => v.Type == VodType.Highlight && v.Status == VodStatus.Stored),
            s.DetectedWithDecisions,
            s.DetectedWithModelAt,
            s.StartAssumed,
            s.ChatMoves));

    /// <summary>The stream's stored source VOD, if any.</summary>
    public async Task<Vod?> GetSourceAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Vods.AsNoTracking().StoredSourcesOf(accountId, streamId)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
