using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Media;
using VodManager.Core.Quota;
using VodManager.Core.Refinement;
using VodManager.Core.Storage;
using VodManager.Core.Streams;

namespace VodManager.Tests.Fixtures;

/// <summary>
/// Puts editor-facing rows into a real database: highlights in every state the table shows, and chat and events for
/// the minimap. Rows are written the way detection and refinement write them, so pages read them as they will in use.
/// </summary>
public static class EditorData
{
    /// <summary>Five highlights on a 240 s stream: refined and clipable, refined, not a clip, refinement failed, detected only.</summary>
    public static async Task<IReadOnlyList<Highlight>> AddHighlightsAsync(IServiceProvider services, int accountId, int streamId)
    {
        var now = DateTime.UtcNow;
        Highlight Make(int rank, double start, double end, double score, SignalBreakdown signals) => new()
        {
            AccountId = accountId,
            StreamId = streamId,
            Rank = rank,
            DetectedStart = start,
            DetectedEnd = end,
            Score = score,
            Signals = signals,
            Explanation = $"chat burst and events around {start:0} s",
            CreatedAt = now,
        };

        var refined = Make(1, 58, 74, 9.1, new SignalBreakdown { Chat = 0.9, Events = 0.3, Transcript = 0.7, Audio = 0.95 });
        (refined.RefinedStart, refined.RefinedEnd, refined.IsClipable, refined.Confidence, refined.RefinementStatus, refined.RefinementReason) =
            (61.2, 72.5, true, 0.86, RefinementStatus.Refined, "a clear scream and chat reaction");
        refined.RefinementAttempts.Add(new RefinementAttempt
        {
            Run = 1, Iteration = 1, Backend = "heuristic", ProposedStart = 61.2, ProposedEnd = 72.5, IsClipable = true, Confidence = 0.86,
            Reason = "snapped to silence at both ends", DurationMs = 41, CreatedAt = now,
        });

        var second = Make(2, 168, 182, 8.2, new SignalBreakdown { Chat = 0.8, Events = 0.1, Transcript = 0.9, Audio = 0.9 });
        (second.IsClipable, second.Confidence, second.RefinementStatus) = (true, 0.64, RefinementStatus.Refined);

        var notClip = Make(3, 146, 158, 6.0, new SignalBreakdown { Chat = 0.5, Events = 1, Transcript = 0.4, Audio = 0.1 });
        (notClip.IsClipable, notClip.Confidence, notClip.RefinementStatus, notClip.RefinementReason) =
            (false, 0.31, RefinementStatus.Refined, "a raid announcement with no payoff");

        var failed = Make(4, 94, 104, 5.2, new SignalBreakdown { Chat = 0.6, Events = 0.8, Transcript = 0.5, Audio = 0.2 });
        (failed.RefinementStatus, failed.RefinementReason) = (RefinementStatus.Failed, "the backend timed out after 30 s");
        failed.RefinementAttempts.Add(new RefinementAttempt { Run = 1, Iteration = 1, Backend = "gemini", Error = "timed out after 30 s", DurationMs = 30000, CreatedAt = now });

        var detected = Make(5, 200, 214, 4.4, new SignalBreakdown { Chat = 0.4, Events = 0.6, Transcript = 0.3, Audio = 0.2 });

        Highlight[] highlights = [refined, second, notClip, failed, detected];
        await using var db = await Db(services);
        db.Highlights.AddRange(highlights);
        await db.SaveChangesAsync();
        return highlights;
    }

    /// <summary>
    /// A chat baseline of one line every 2 s with bursts of 45 lines from as many chatters at the given offsets, and the
    /// demo's events; the stream records both as imported, as the importer does.
    /// </summary>
    public static async Task AddChatAndEventsAsync(IServiceProvider services, int streamId, double duration, params double[] bursts)
    {
        await using var db = await Db(services);
        for (var t = 1.0; t < duration; t += 2)
        {
            db.ChatMessages.Add(new ChatMessage { StreamId = streamId, OffsetSeconds = t, AuthorName = "viewer", Text = "hi" });
        }

        foreach (var burst in bursts)
        {
            for (var i = 0; i < 45; i++)
            {
                db.ChatMessages.Add(new ChatMessage { StreamId = streamId, OffsetSeconds = burst + i * 0.15, AuthorName = $"fan{i}", Text = "PogChamp" });
            }
        }

        db.StreamEvents.AddRange(
            new StreamEvent { StreamId = streamId, Type = StreamEventType.Cheer, OffsetSeconds = 30, Magnitude = 500, Detail = "viewer07" },
            new StreamEvent { StreamId = streamId, Type = StreamEventType.GiftSubs, OffsetSeconds = 95, Magnitude = 10, Detail = "pixelqueen" },
            new StreamEvent { StreamId = streamId, Type = StreamEventType.Raid, OffsetSeconds = 148, Magnitude = 250, Detail = "friendly_streamer" },
            new StreamEvent { StreamId = streamId, Type = StreamEventType.HypeTrain, OffsetSeconds = 200, Magnitude = 2 });
        await db.SaveChangesAsync();
        await db.Streams.Where(s => s.Id == streamId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.ChatImportedAt, DateTime.UtcNow)
            .SetProperty(x => x.EventsImportedAt, DateTime.UtcNow));
    }

    /// <summary>Stores a VOD of <c>EstimatedBytes</c> zero bytes through the quota, as importers and the cutter do.</summary>
    public static async Task<Vod> StoreVodAsync(IServiceProvider services, VodReservation reservation, double durationSeconds)
    {
        var quota = services.GetRequiredService<QuotaService>();
        var outcome = await quota.ReserveAsync(reservation, CancellationToken.None);
        var bytes = reservation.EstimatedBytes;
        await services.GetRequiredService<IVodStorage>().PutAsync(outcome.Vod.StorageKey, new MemoryStream(new byte[bytes]), bytes, CancellationToken.None);
        var media = new MediaInfo(durationSeconds, "mov,mp4", "h264", 640, 360, 30, "aac", 48000, null);
        return await quota.CommitAsync(outcome.Vod.Id, bytes, media, CancellationToken.None);
    }

    public static async Task<VodDbContext> Db(IServiceProvider services) =>
        await services.GetRequiredService<IDbContextFactory<VodDbContext>>().CreateDbContextAsync();
}
