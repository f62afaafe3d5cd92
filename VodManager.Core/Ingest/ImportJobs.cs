using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using VodManager.Core.Data;
using VodManager.Core.Detection;
using VodManager.Core.Ingest.Video;
using VodManager.Core.Jobs;

namespace VodManager.Core.Ingest;

/// <summary>
/// What the editor and the CLI call to import into a stream: checks the stream belongs to the account before anything
/// is queued, enqueues one job per file, and runs those jobs.
/// </summary>
public sealed class ImportJobs(
    IDbContextFactory<VodDbContext> dbFactory,
    IngestService ingest,
    VideoImportService videos,
    DetectionJobs detection,
    DataUploadStaging uploads,
    IJobQueue jobs,
    ILogger<ImportJobs> logger)
    : IJobHandler<ImportFileRequest>, IJobHandler<ImportVideoRequest>, IJobHandler<ImportVideoUrlRequest>
{
    /// <param name="deleteWhenDone">The file is an upload's temporary copy: removed when the job ends, or at once when the import is refused.</param>
    /// <param name="lastOfBatch">No other file of the stream follows this one: detection starts once it is in if the stream has chat.</param>
    public async Task<Guid> ImportFileAsync(
        int accountId, int streamId, IngestKind kind, string path, bool deleteWhenDone, bool lastOfBatch, string requestedBy, CancellationToken cancellationToken)
    {
        if (!await StreamExistsAsync(accountId, streamId, cancellationToken))
        {
            if (deleteWhenDone)
            {
                uploads.Remove(path);
            }

            throw new IngestException(Path.GetFileName(path), $"stream {streamId} was not found");
        }

        return await EnqueueFileAsync(new ImportFileRequest
        {
            AccountId = accountId, StreamId = streamId, DataKind = kind, Path = path, DeleteWhenDone = deleteWhenDone, StartDetection = lastOfBatch,
            RequestedBy = requestedBy,
        }, cancellationToken);
    }

    /// <summary>
    /// Queues a data import. An upload's temporary copy lies on this node only, and the job may run on any node: it
    /// moves into the shared storage first, and goes again if the job cannot be queued.
    /// </summary>
    public async Task<Guid> EnqueueFileAsync(ImportFileRequest request, CancellationToken cancellationToken)
    {
        if (!request.DeleteWhenDone)
        {
            return await jobs.EnqueueAsync(request, cancellationToken);
        }

        var key = await uploads.ShareAsync(request.AccountId, request.Path, cancellationToken);
        try
        {
            return await jobs.EnqueueAsync(request with { SharedKey = key, DeleteWhenDone = false }, cancellationToken);
        }
        catch
        {
            await uploads.DiscardAsync(key);
            throw;
        }
    }

    /// <param name="path">A server file under <c>Import:Roots</c>; the job checks it again when it runs.</param>
    public async Task<Guid> ImportVideoAsync(int accountId, int streamId, ImportedVideoKind kind, string path, string requestedBy, CancellationToken cancellationToken)
    {
        await EnsureVideoStreamAsync(accountId, streamId, cancellationToken);
        return await jobs.EnqueueAsync(new ImportVideoRequest { AccountId = accountId, StreamId = streamId, Path = path, VideoKind = kind, RequestedBy = requestedBy }, cancellationToken);
    }

    public async Task<Guid> ImportVideoUrlAsync(int accountId, int streamId, ImportedVideoKind kind, Uri url, string requestedBy, CancellationToken cancellationToken)
    {
        VideoPages.Check(url);
        await EnsureVideoStreamAsync(accountId, streamId, cancellationToken);
        return await jobs.EnqueueAsync(new ImportVideoUrlRequest { AccountId = accountId, StreamId = streamId, Url = url, VideoKind = kind, RequestedBy = requestedBy }, cancellationToken);
    }

    /// <summary>
    /// Imports a chat, events or transcript file, then starts detection when the stream has both chat and events (or at
    /// once, when the request asks for it: a new stream's chat that came without events).
    /// </summary>
    public async Task RunAsync(ImportFileRequest request, JobContext context, CancellationToken cancellationToken)
    {
        var streamId = request.StreamId ?? throw new ArgumentException("An import needs a stream.", nameof(request));
        var path = request.SharedKey is { } key ? await uploads.FetchAsync(key, Path.GetFileName(request.Path), cancellationToken) : request.Path;
        try
        {
            await ingest.ImportAsync(request.AccountId, streamId, request.DataKind, path, context.Progress, cancellationToken);
        }
        finally
        {
            if (request.SharedKey is { } shared)
            {
                await uploads.DiscardAsync(shared, path);
            }
            else if (request.DeleteWhenDone)
            {
                uploads.Remove(request.Path);
            }
        }

        var detectionJob = await detection.AfterImportAsync(request.AccountId, streamId, request.StartDetection, request.VideoFollows, context.JobId, cancellationToken);
        if (detectionJob is { } jobId)
        {
            logger.LogInformation("Stream {StreamId} has its inputs: detection job {JobId} started", streamId, jobId);
        }
    }

    public async Task RunAsync(ImportVideoRequest request, JobContext context, CancellationToken cancellationToken)
    {
        var streamId = request.StreamId ?? throw new ArgumentException("An import needs a stream.", nameof(request));
        var target = new VideoImportTarget(request.AccountId, streamId, request.VideoKind);
        await videos.ImportServerFileAsync(target, request.Path, context.JobId.ToString("N"), context.Progress, cancellationToken);
    }

    public async Task RunAsync(ImportVideoUrlRequest request, JobContext context, CancellationToken cancellationToken)
    {
        var streamId = request.StreamId ?? throw new ArgumentException("An import needs a stream.", nameof(request));
        var target = new VideoImportTarget(request.AccountId, streamId, request.VideoKind);
        await videos.ImportUrlAsync(target, request.Url, context.JobId.ToString("N"), context.Progress, cancellationToken);
    }

    private async Task EnsureVideoStreamAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        if (!await StreamExistsAsync(accountId, streamId, cancellationToken))
        {
            throw new VideoImportException($"Stream {streamId} was not found.");
        }
    }

    private async Task<bool> StreamExistsAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Streams.AnyAsync(s => s.Id == streamId && s.AccountId == accountId, cancellationToken);
    }
}
