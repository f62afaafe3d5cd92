using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data;
using VodManager.Core.Jobs;

namespace VodManager.Core.Detection;

/// <summary>
/// Starts detection (an editor, the CLI, or by itself once a stream's inputs are in) after checking the stream belongs
/// to the account, and runs the detection and channel-refit jobs.
/// </summary>
public sealed class DetectionJobs(IDbContextFactory<VodDbContext> dbFactory, DetectionService detection, ChannelLearning learning, IJobQueue jobs)
    : IJobHandler<DetectHighlightsRequest>, IJobHandler<RefitChannelModelRequest>
{
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
    /// <returns>The detection job's id, or null when the stream is not ready for it.</returns>
    public async Task<Guid?> AfterImportAsync(int accountId, int streamId, bool lastOfBatch, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ready = await db.Streams.AnyAsync(
            s => s.Id == streamId && s.AccountId == accountId && s.ChatImportedAt != null && (lastOfBatch || s.EventsImportedAt != null), cancellationToken);
        return ready ? await EnqueueAsync(accountId, streamId, cancellationToken) : null;
    }

    /// <summary>
    /// Detects again once a stream's first source video is stored, when its highlights were (or are being) detected
    /// without it: the video bounds them and its loudness is a signal. A later video replaces nothing by itself.
    /// </summary>
    public async Task<Guid?> AfterSourceVideoAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ready = await db.Streams.AnyAsync(
            s => s.Id == streamId && s.AccountId == accountId && (s.ChatImportedAt != null || s.DetectedAt != null)
                 && db.Vods.StoredSourcesOf(accountId, streamId).Count() == 1, cancellationToken);
        return ready ? await EnqueueAsync(accountId, streamId, cancellationToken) : null;
    }

    private Task<Guid> EnqueueAsync(int accountId, int streamId, CancellationToken cancellationToken) =>
        jobs.EnqueueAsync(new DetectHighlightsRequest { AccountId = accountId, StreamId = streamId, RequestedBy = "system" }, cancellationToken);

    public async Task RunAsync(DetectHighlightsRequest request, JobContext context, CancellationToken cancellationToken)
    {
        var streamId = request.StreamId ?? throw new ArgumentException("Detection needs a stream.", nameof(request));
        await detection.DetectAsync(request.AccountId, streamId, context.Progress, cancellationToken);
    }

    public async Task RunAsync(RefitChannelModelRequest request, JobContext context, CancellationToken cancellationToken)
    {
        var streamId = request.StreamId ?? throw new ArgumentException("A channel refit needs one of the channel's streams.", nameof(request));
        await learning.RefitAsync(request.AccountId, streamId, context.Progress, cancellationToken);
    }
}
