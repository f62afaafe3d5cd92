using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Events;
using VodManager.Core.Jobs;
using VodManager.Core.Refinement;

namespace VodManager.Core.Detection;

/// <summary>
/// Detects a stored stream's highlights and replaces the previous run's, one run per stream at a time: a second
/// request waits for the first (and then sees its result) instead of racing it. Highlights with an editor's or a
/// cutter's work on them (a clip, a cut in flight, a trim, a dismissal) are kept; new ones that would overlap them
/// are dropped; one found again at the same bounds keeps its row and refinement; everything else from the previous run
/// is replaced.
/// </summary>
public sealed class DetectionService(
    IDbContextFactory<VodDbContext> dbFactory,
    StreamSignalLoader loader,
    HighlightScorer scorer,
    SignalCurveService signalCurves,
    DomainEvents events,
    TimeProvider time,
    ILogger<DetectionService> logger)
{
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _locks = new();

    public Task<DetectionResult> DetectAsync(int accountId, int streamId, IProgress<JobProgress>? progress, CancellationToken cancellationToken) =>
        DetectAsync(accountId, streamId, videoFollows: false, progress, cancellationToken);

    /// <param name="videoFollows">The stream's video is on its way: said in <see cref="HighlightsDetectedEvent.VideoFollows"/>.</param>
    public async Task<DetectionResult> DetectAsync(int accountId, int streamId, bool videoFollows, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(streamId, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(0, cancellationToken))
        {
            progress?.Report(new JobProgress("waiting", 0, "another detection of this stream is running; this one starts when it ends"));
            await gate.WaitAsync(cancellationToken);
        }

        try
        {
            progress?.Report(new JobProgress("loading signals", 1));
            var stamp = await signalCurves.StampAsync(accountId, streamId, cancellationToken)
                ?? throw new DetectionException($"Stream {streamId} was not found.");
            var input = await loader.LoadAsync(accountId, streamId, measureAudio: true, progress, cancellationToken)
                ?? throw new DetectionException($"Stream {streamId} was not found.");
            if (input.Chat is null && input.Events.Count == 0 && input.Transcript.Count == 0 && input.Loudness is null)
            {
                throw new DetectionException($"Stream {streamId} has nothing to detect from yet: import chat, events, a transcript or the video first.");
            }

            var tuned = stamp.Model;
            progress?.Report(new JobProgress("scoring", 85, tuned is null ? "default chat model" : $"chat model tuned on {tuned.Decisions} decisions"));
            var outcome = scorer.Score(input, model: stamp.ChatModel);
            progress?.Report(new JobProgress("saving", 92, $"{outcome.Highlights.Count} highlights"));
            var result = await ReplaceAsync(accountId, streamId, outcome.Highlights, tuned, cancellationToken);
            await signalCurves.KeepAsync(streamId, stamp, outcome.Curves, cancellationToken); // the editor's first open reads no chat

            progress?.Report(new JobProgress("detected", 100, result.Summary));
            logger.LogInformation("Detected {Detected} highlights in stream {StreamId} ({Again} found again, kept {Kept}, replaced {Replaced})", result.Detected, streamId, result.FoundAgain, result.Kept, result.Replaced);
            await events.PublishAsync(new HighlightsDetectedEvent(accountId, streamId, result.Detected + result.FoundAgain, videoFollows), cancellationToken);
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<DetectionResult> ReplaceAsync(int accountId, int streamId, IReadOnlyList<DetectedHighlight> detected, ChannelModel? tuned, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.InTransactionAsync(async ct =>
        {
            var stream = await db.Streams.SingleAsync(s => s.Id == streamId && s.AccountId == accountId, ct);
            var existing = await db.Highlights.Where(h => h.StreamId == streamId).ToListAsync(ct);
            var kept = existing.Where(h => h.IsKeptOnRedetect || h.Dismissed).ToList();
            var replaceable = existing.Except(kept).ToList();

            var now = time.GetUtcNow().UtcDateTime;
            var (foundAgain, added) = (new List<Highlight>(), new List<Highlight>());
            foreach (var d in detected.Where(d => !kept.Any(k => Overlaps(k, d))))
            {
                // A moment found again keeps its row: its refinement (paid for, when a hosted model made it) and history
                // stay, and an editor's open page still points at it. Only what detection says about it is renewed.
                var highlight = replaceable.FirstOrDefault(r => SameMoment(r, d));
                if (highlight is null)
                {
                    highlight = new Highlight { AccountId = accountId, StreamId = streamId, CreatedAt = now };
                    added.Add(highlight);
                }
                else
                {
                    replaceable.Remove(highlight);
                    foundAgain.Add(highlight);
                }

                (highlight.DetectedStart, highlight.DetectedEnd, highlight.Score, highlight.Signals) = (d.Start, d.End, d.Score, d.Signals);
                (highlight.Explanation, highlight.DetectionConfidence, highlight.IsWeak) = (d.Explanation, d.Confidence, d.Weak);
            }

            db.Highlights.RemoveRange(replaceable);
            db.Highlights.AddRange(added);
            await ForgetRefinementsBeforeTheSoundAsync(db, accountId, streamId, foundAgain, ct);

            // The scorer's order: confident ones by score, then the weak ones that fill the list (a weak one can score as
            // high as a confident one; detection was not sure of it, so it does not go first); the moments editors marked
            // by hand (not scored) after them, in time order.
            var rank = 1;
            foreach (var highlight in kept.Concat(foundAgain).Concat(added).OrderBy(h => h.AddedBy is not null).ThenBy(h => h.IsWeak).ThenByDescending(h => h.Score).ThenBy(h => h.DetectedStart))
            {
                highlight.Rank = rank++;
            }

            (stream.DetectedAt, stream.DetectedWithDecisions, stream.DetectedWithModelAt) = (now, tuned?.Decisions, tuned?.TrainedAt);
            await db.SaveChangesAsync(ct);
            return new DetectionResult(streamId, added.Count, foundAgain.Count, kept.Count, replaceable.Count);
        }, cancellationToken);
    }

    /// <summary>
    /// A new stream's chat is often in, detected and refined before its video's loudness is measured (a large upload
    /// against a small file; the measuring after it): those refinements had no sound to find edges in, and the
    /// refinement after this run (which refines only what is not refined yet) would leave them so, the stream's best
    /// moments among them. A moment found again whose last refinement is older than the source's loudness is refined
    /// anew; its attempts stay in its history.
    /// </summary>
    private static async Task ForgetRefinementsBeforeTheSoundAsync(VodDbContext db, int accountId, int streamId, List<Highlight> foundAgain, CancellationToken cancellationToken)
    {
        var refined = foundAgain.Where(h => h.RefinementStatus is RefinementStatus.Refined or RefinementStatus.Failed).Select(h => h.Id).ToList();
        if (refined.Count == 0)
        {
            return;
        }

        var source = db.Vods.StoredSourcesOf(accountId, streamId).Select(v => v.Id).Take(1);
        var measuredAt = await db.VodMediaIndexes.Where(i => i.Loudness != null && source.Contains(i.VodId))
            .Select(i => (DateTime?)i.ComputedAt).FirstOrDefaultAsync(cancellationToken);
        if (measuredAt is not { } sound)
        {
            return;
        }

        var before = await db.RefinementAttempts.Where(a => refined.Contains(a.HighlightId)).GroupBy(a => a.HighlightId)
            .Where(g => g.Max(a => a.CreatedAt) < sound).Select(g => g.Key).ToListAsync(cancellationToken);
        foreach (var highlight in foundAgain.Where(h => before.Contains(h.Id)))
        {
            (highlight.RefinedStart, highlight.RefinedEnd, highlight.IsClipable, highlight.Confidence) = (null, null, null, null);
            (highlight.RefinementStatus, highlight.RefinementReason) = (RefinementStatus.NotRefined, null);
        }
    }

    /// <summary>
    /// The same detected bounds to within a second at both ends: the refinement was made for that window. A moment that
    /// moved further (a new chat lag once events are in) is a new window, refined anew.
    /// </summary>
    private static bool SameMoment(Highlight earlier, DetectedHighlight candidate) =>
        Math.Abs(earlier.DetectedStart - candidate.Start) <= SameMomentSeconds && Math.Abs(earlier.DetectedEnd - candidate.End) <= SameMomentSeconds;

    private const double SameMomentSeconds = 1;

    private static bool Overlaps(Highlight kept, DetectedHighlight candidate)
    {
        var (start, end) = kept.EffectiveBounds;
        return start < candidate.End && candidate.Start < end;
    }
}
