using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Media;

namespace VodManager.Core.Editing;

/// <summary>Read side of the replay view: chat heat, events, highlights and the source's keyframes, scoped to an account.</summary>
public sealed class StreamTimelineService(IDbContextFactory<VodDbContext> dbFactory, MediaIndexService mediaIndex, IOptions<EditorOptions> options)
{
    /// <summary>The stream's timeline, or null when the stream is not in this account.</summary>
    public async Task<StreamTimeline?> GetAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stream = await db.Streams.AsNoTracking().SingleOrDefaultAsync(s => s.Id == streamId && s.AccountId == accountId, cancellationToken);
        if (stream is null)
        {
            return null;
        }

        var source = await db.Vods.AsNoTracking()
            .Where(v => v.StreamId == streamId && v.Type == VodType.Archive && v.Status == VodStatus.Stored)
            .OrderByDescending(v => v.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var events = await db.StreamEvents.AsNoTracking().Where(e => e.StreamId == streamId).OrderBy(e => e.OffsetSeconds).ToListAsync(cancellationToken);
        var duration = source?.DurationSeconds ?? stream.DurationSeconds ?? await LastKnownMomentAsync(db, streamId, cancellationToken);
        var bucketSeconds = Math.Max(1, duration / options.Value.HeatBuckets);
        var counts = await ChatCountsAsync(db, streamId, bucketSeconds, duration, cancellationToken);
        var media = source is null ? null : await mediaIndex.TryGetAsync(source.Id, cancellationToken);
        return new StreamTimeline(duration, bucketSeconds, counts, events, source, media);
    }

    /// <summary>
    /// Reads the source's keyframes and loudness when no import or detection has yet (computed once per VOD and
    /// cached; concurrent callers share one run).
    /// </summary>
    public Task<MediaIndex> IndexSourceAsync(Vod source, CancellationToken cancellationToken) =>
        mediaIndex.GetOrComputeAsync(source, progress: null, cancellationToken);

    private static async Task<int[]> ChatCountsAsync(VodDbContext db, int streamId, double bucketSeconds, double duration, CancellationToken cancellationToken)
    {
        var counts = new int[Math.Max(1, (int)Math.Ceiling(duration / bucketSeconds))];

        // Grouped in the database: a 12 h stream has millions of messages and only a few hundred buckets.
        var rows = await db.ChatMessages
            .Where(m => m.StreamId == streamId && m.OffsetSeconds >= 0)
            .GroupBy(m => (int)(m.OffsetSeconds / bucketSeconds))
            .Select(g => new { Bucket = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            counts[Math.Min(row.Bucket, counts.Length - 1)] += row.Count;
        }

        return counts;
    }

    /// <summary>Without a source or a known duration, the stream is as long as its last chat line, event or highlight.</summary>
    private static async Task<double> LastKnownMomentAsync(VodDbContext db, int streamId, CancellationToken cancellationToken)
    {
        var chat = await db.ChatMessages.Where(m => m.StreamId == streamId).MaxAsync(m => (double?)m.OffsetSeconds, cancellationToken) ?? 0;
        var events = await db.StreamEvents.Where(e => e.StreamId == streamId).MaxAsync(e => (double?)e.OffsetSeconds, cancellationToken) ?? 0;
        var highlights = await db.Highlights.Where(h => h.StreamId == streamId).MaxAsync(h => (double?)h.DetectedEnd, cancellationToken) ?? 0;
        return Math.Max(1, Math.Max(chat, Math.Max(events, highlights)));
    }
}
