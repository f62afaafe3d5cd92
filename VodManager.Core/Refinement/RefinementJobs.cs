using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using VodManager.Core.Data;
using VodManager.Core.Detection;
using VodManager.Core.Ingest.Uploads;
using VodManager.Core.Jobs;

namespace VodManager.Core.Refinement;

/// <summary>
/// What the editor, the CLI and detection call to refine: checks the stream and highlights belong to the account and
/// the backend exists, marks selected highlights queued (every open editor shows it at once), and enqueues one job.
/// </summary>
public sealed class RefinementJobs(
    IDbContextFactory<VodDbContext> dbFactory,
    RefinementHistory history,
    RefinementBackends backends,
    IJobQueue queue,
    VideoUploadService uploads,
    ILogger<RefinementJobs> logger)
{
    /// <param name="highlightIds">The highlights to refine; null for the stream's unrefined ones.</param>
    /// <param name="backend">A backend for this run only; null uses the account's.</param>
    public async Task<Guid> RefineAsync(int accountId, int streamId, IReadOnlyList<int>? highlightIds, string? backend, string requestedBy, CancellationToken cancellationToken)
    {
        if (backend is not null)
        {
            backend = backends.Get(backend).Name;
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Streams.AnyAsync(s => s.Id == streamId && s.AccountId == accountId, cancellationToken))
            {
                throw new RefinementException($"Stream {streamId} was not found.");
            }

            if (highlightIds is not null)
            {
                await CheckOwnedAsync(db, accountId, streamId, highlightIds, cancellationToken);
            }
        }

        if (highlightIds is not null)
        {
            await history.MarkQueuedAsync(accountId, highlightIds, cancellationToken);
        }

        return await queue.EnqueueAsync(new RefineRequest { AccountId = accountId, StreamId = streamId, HighlightIds = highlightIds, Backend = backend, RequestedBy = requestedBy }, cancellationToken);
    }

    /// <summary>The editor's selection (all from one stream), with the account's backend.</summary>
    public async Task<Guid> RefineSelectedAsync(int accountId, IReadOnlyList<int> highlightIds, string requestedBy, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var streams = await db.Highlights.Where(h => h.AccountId == accountId && highlightIds.Contains(h.Id)).Select(h => h.StreamId).Distinct().ToListAsync(cancellationToken);
        return streams.Count switch
        {
            0 => throw new RefinementException(highlightIds.Count == 0 ? "No highlights were selected." : $"Highlight {string.Join(", ", highlightIds)} was not found."),
            1 => await RefineAsync(accountId, streams[0], highlightIds, null, requestedBy, cancellationToken),
            _ => throw new RefinementException("The selected highlights belong to different streams; refine one stream at a time."),
        };
    }

    /// <summary>
    /// The automatic run once detection has stored a stream's highlights; null when the account has refinement off,
    /// when the stream has no video and the account's backend reads nothing else (the heuristic), or
    /// while the stream's first video is on its way (being uploaded, or <paramref name="videoFollows"/>: a new stream's
    /// video, imported or uploaded beside its data): a new stream's chat is detected long before its video is in, a
    /// refinement then has no picture or sound, and the detection once the video is stored refines anew, so each of its
    /// best moments would cost two refinements (two hosted-model calls, two of the day's cap). A video that never comes
    /// leaves the refinement to the editor's button. Null too while another detection of the stream is queued (the
    /// video was stored while this one ran): that one's end refines, from what it found.
    /// </summary>
    public async Task<Guid?> AfterDetectionAsync(int accountId, int streamId, bool videoFollows, CancellationToken cancellationToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var backend = await db.Accounts.Where(a => a.Id == accountId && a.AutoRefine).Select(a => a.RefinementBackend).SingleOrDefaultAsync(cancellationToken);
            if (backend is null)
            {
                return null;
            }

            var hasVideo = await db.Vods.StoredSourcesOf(accountId, streamId).AnyAsync(cancellationToken);
            if (!hasVideo && (videoFollows || await uploads.IsSendingSourceAsync(accountId, streamId, cancellationToken)))
            {
                logger.LogInformation("Stream {StreamId}: refinement waits for the video on its way; the detection once it is stored refines", streamId);
                return null;
            }

            if (!hasVideo && backends.Find(backend)?.NeedsVideo == true)
            {
                // It would skip every moment ("no video yet"): a job that does nothing, and a reason on every row. The
                // detection once a video is stored (the stream's first) refines.
                logger.LogInformation("Stream {StreamId}: no automatic refinement, {Backend} reads only the video and the stream has none", streamId, backend);
                return null;
            }

            if (await db.Jobs.AnyAsync(j => j.AccountId == accountId && j.StreamId == streamId && j.Kind == DetectHighlightsRequest.JobKind && j.Status == JobStatus.Queued, cancellationToken))
            {
                logger.LogInformation("Stream {StreamId}: refinement waits for the detection queued after this one", streamId);
                return null;
            }
        }

        return await queue.EnqueueAsync(new RefineRequest { AccountId = accountId, StreamId = streamId, RequestedBy = "system" }, cancellationToken);
    }

    private static async Task CheckOwnedAsync(VodDbContext db, int accountId, int streamId, IReadOnlyList<int> highlightIds, CancellationToken cancellationToken)
    {
        if (highlightIds.Count == 0)
        {
            throw new RefinementException("No highlights were selected.");
        }

        var owned = await db.Highlights.Where(h => h.AccountId == accountId && h.StreamId == streamId && highlightIds.Contains(h.Id)).Select(h => h.Id).ToListAsync(cancellationToken);
        var missing = highlightIds.Except(owned).ToList();
        if (missing.Count > 0)
        {
            throw new RefinementException($"Highlight {string.Join(", ", missing)} was not found in stream {streamId}.");
        }
    }
}
