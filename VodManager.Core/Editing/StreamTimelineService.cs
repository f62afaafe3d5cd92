using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Detection;
using VodManager.Core.Ingest;
using VodManager.Core.Library;
using VodManager.Core.Media;

namespace VodManager.Core.Editing;

/// <summary>
/// Read side of the replay view: chat heat and detection's signals (from its per-second curves), events, and the
/// source's keyframes, scoped to an account.
/// </summary>
public sealed class StreamTimelineService(
    IDbContextFactory<VodDbContext> dbFactory,
    SignalCurveService signalCurves,
    MediaIndexService mediaIndex,
    IOptions<EditorOptions> options,
    IOptions<IngestOptions> ingestOptions)
{
    /// <summary>The stream's timeline, or null when the stream is not in this account.</summary>
    public async Task<StreamTimeline?> GetAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        var curves = await signalCurves.GetAsync(accountId, streamId, cancellationToken);
        if (curves is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stream = await db.Streams.AsNoTracking().SingleAsync(s => s.Id == streamId, cancellationToken);
        var source = await db.Vods.AsNoTracking()
            .StoredSourcesOf(accountId, streamId)
            .Select(v => new TimelineSource(v.Id, v.StorageKey, v.DurationSeconds, v.SizeBytes, v.Width, v.Height, v.VideoCodec,
                db.Vods.Where(c => c.SourceVodId == v.Id && c.Type == VodType.BrowserCopy && c.Status == VodStatus.Stored)
                    .Select(c => new TimelineBrowserCopy(c.StorageKey, c.Height)).FirstOrDefault(), v.MutedStretches, v.Reconnects))
            .FirstOrDefaultAsync(cancellationToken);
        var duration = Math.Max(1, source?.DurationSeconds ?? stream.DurationSeconds ?? curves.Seconds);

        // Raids and gifts read from chat that runs on past the video lie off the timeline (and out of detection).
        var events = await db.StreamEvents.AsNoTracking().Where(e => e.StreamId == streamId && e.OffsetSeconds <= duration).OrderBy(e => e.OffsetSeconds)
            .Select(e => new TimelineEvent(e.Type, e.OffsetSeconds, e.Magnitude, e.Detail))
            .ToListAsync(cancellationToken);
        var bucketSeconds = Math.Max(1, duration / options.Value.HeatBuckets);
        var buckets = Math.Max(1, (int)Math.Ceiling(duration / bucketSeconds));
        var chat = TimelineSignals.Bucket(curves.ChatMessages, bucketSeconds, buckets, (sum, count) => sum + count);
        var media = source is null ? null : await mediaIndex.TryGetAsync(source.Id, cancellationToken);
        var chatAfterSource = source?.DurationSeconds is { } seconds ? await ChatPastVideo.CountAsync(db, streamId, seconds, ingestOptions.Value, cancellationToken) : 0;
        return new StreamTimeline(duration, bucketSeconds, chat, TimelineSignals.From(curves, bucketSeconds, buckets), events, source, media, chatAfterSource);
    }

    /// <summary>
    /// Reads the stream's stored source's keyframes and loudness when no import or detection has yet (computed once per
    /// VOD and cached; concurrent callers share one run). Null when the stream has no stored source in this account.
    /// </summary>
    public async Task<MediaIndex?> IndexSourceAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        Vod? source;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            source = await db.Vods.AsNoTracking().StoredSourcesOf(accountId, streamId).FirstOrDefaultAsync(cancellationToken);
        }

        return source is null ? null : await mediaIndex.GetOrComputeAsync(source, progress: null, cancellationToken);
    }
}
