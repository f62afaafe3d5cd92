using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using VodManager.Core.Data;
using VodManager.Core.Ingest;
using VodManager.Core.Jobs;

namespace VodManager.Core.Detection;

/// <summary>
/// Starts detection (an editor, the CLI, or by itself once a stream's inputs are in) after checking the stream belongs
/// to the account, and runs the detection and channel-refit jobs.
/// </summary>
public sealed class DetectionJobs(
    IDbContextFactory<VodDbContext> dbFactory,
    DetectionService detection,
    ChannelLearning learning,
    IJobQueue jobs,
    TimeProvider time,
    ILogger<DetectionJobs> logger)
    : IJobHandler<DetectHighlightsRequest>, IJobHandler<RefitChannelModelRequest>
{
    /// <summary>How long a detection waits for the stream's running data imports before it goes ahead without them.</summary>
    internal static readonly TimeSpan ImportWaitLimit = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan ImportPollInterval = TimeSpan.FromSeconds(1);

    public async Task<Guid> DetectAsync(int accountId, int streamId, string requestedBy, CancellationToken cancellationToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Streams.AnyAsync(s => s.Id == streamId && s.AccountId == accountId, cancellationToken))
            {
                throw new DetectionException($"Stream {streamId} was not found.");
            }
        }

        return await jobs.EnqueueAsync(new DetectHighlightsRequest { AccountId = accountId, StreamId = streamId, RequestedBy = requestedBy }, cancellationToken);
    }

    /// <summary>
    /// Starts detection once a stream's inputs are in: its chat and events, or its chat alone when the import was the
    /// last of what an editor gave (an upload on the stream page, a new stream's files): events are also read from the
    /// chat's notices, and most streams have no events file, so waiting for one would leave a new stream empty.
    /// </summary>
    /// <returns>The detection job's id, or null when the stream is not ready for it or a detection that will read it is already requested.</returns>
    /// <param name="importJobId">The import that ended: the detection does not wait for it.</param>
    public async Task<Guid?> AfterImportAsync(int accountId, int streamId, bool lastOfBatch, bool videoFollows, Guid importJobId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var importStarted = await db.Jobs.Where(j => j.Id == importJobId).Select(j => j.StartedAt).SingleOrDefaultAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var since = importStarted ?? now;
        var waitedOut = now - ImportWaitLimit;

        // Two imports of a new stream that end together each see the other's data in. A detection requested since this
        // import started waits for it (it is still running), so it reads this import's data too: one is enough, unless it
        // was requested so long ago that its wait may have given up. The claim is one update, atomic on every provider.
        var claimed = await db.Streams
            .Where(s => s.Id == streamId && s.AccountId == accountId && s.ChatImportedAt != null && (lastOfBatch || s.EventsImportedAt != null)
                        && (s.DetectionRequestedAt == null || s.DetectionRequestedAt < since || s.DetectionRequestedAt < waitedOut))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.DetectionRequestedAt, now), cancellationToken);
        return claimed == 1 ? await jobs.EnqueueAsync(new DetectHighlightsRequest { AccountId = accountId, StreamId = streamId, AfterImport = importJobId, VideoFollows = videoFollows }, cancellationToken) : null;
    }

    /// <summary>
    /// Detects again once a stream's first source video is stored, when its highlights were (or are being) detected
    /// without it: the video bounds them and its loudness is a signal. A later video replaces nothing by itself.
    /// A detection still queued reads the video when it runs (a job is marked running before it reads anything), so
    /// none is added then: each detection refines its highlights, which may call a hosted model.
    /// </summary>
    /// <returns>The detection job's id, or null when none is needed.</returns>
    public async Task<Guid?> AfterSourceVideoAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ready = await db.Streams.AnyAsync(
            s => s.Id == streamId && s.AccountId == accountId && (s.ChatImportedAt != null || s.DetectedAt != null)
                 && db.Vods.StoredSourcesOf(accountId, streamId).Count() == 1
                 && !db.Jobs.Any(j => j.AccountId == accountId && j.StreamId == streamId && j.Kind == DetectHighlightsRequest.JobKind && j.Status == JobStatus.Queued),
            cancellationToken);
        return ready ? await jobs.EnqueueAsync(new DetectHighlightsRequest { AccountId = accountId, StreamId = streamId }, cancellationToken) : null;
    }

    public async Task RunAsync(DetectHighlightsRequest request, JobContext context, CancellationToken cancellationToken)
    {
        var streamId = request.StreamId ?? throw new ArgumentException("Detection needs a stream.", nameof(request));
        await WaitForDataImportsAsync(request, streamId, context.Progress, cancellationToken);
        await detection.DetectAsync(request.AccountId, streamId, request.VideoFollows, context.Progress, cancellationToken);
    }

    /// <summary>
    /// A new stream's files import side by side (a transcript beside the chat), and the one that starts detection is not
    /// always the last to finish: detection waits for the stream's running chat, events and transcript imports, so the
    /// highlights see all of them. Only running ones: a queued import may need this job's worker slot, and it starts
    /// detection itself when it is the last file. A video import is not waited for (it can take hours; its end detects
    /// again). The wait is bounded, as a node that died mid-import leaves its job marked running until recovery.
    /// </summary>
    private async Task WaitForDataImportsAsync(DetectHighlightsRequest request, int streamId, IProgress<JobProgress> progress, CancellationToken cancellationToken)
    {
        var (accountId, startedBy) = (request.AccountId, request.AfterImport);
        var deadline = time.GetUtcNow() + ImportWaitLimit;
        while (true)
        {
            string? running;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                running = await db.Jobs.AsNoTracking()
                    .Where(j => j.AccountId == accountId && j.StreamId == streamId && j.Kind == ImportFileRequest.JobKind && j.Status == JobStatus.Running && j.Id != startedBy)
                    .OrderBy(j => j.CreatedAt)
                    .Select(j => j.Title)
                    .FirstOrDefaultAsync(cancellationToken);
            }

            if (running is null)
            {
                return;
            }

            if (time.GetUtcNow() >= deadline)
            {
                logger.LogWarning("Stream {StreamId}: '{Import}' is still running after {Limit}; detecting without waiting for it", streamId, running, ImportWaitLimit);
                return;
            }

            progress.Report(new JobProgress("waiting", 0, $"Waiting for '{running}' to finish"));
            await Task.Delay(ImportPollInterval, time, cancellationToken);
        }
    }

    public async Task RunAsync(RefitChannelModelRequest request, JobContext context, CancellationToken cancellationToken)
    {
        var streamId = request.StreamId ?? throw new ArgumentException("A channel refit needs one of the channel's streams.", nameof(request));
        await learning.RefitAsync(request.AccountId, streamId, context.Progress, cancellationToken);
    }
}
