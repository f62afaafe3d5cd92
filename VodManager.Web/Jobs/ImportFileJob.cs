using VodManager.Core.Detection;
using VodManager.Core.Ingest;
using VodManager.Core.Jobs;

namespace VodManager.Web.Jobs;

/// <summary>
/// Imports a chat, events or transcript file, then starts detection when the stream has both chat and events (or at
/// once, when the request asks for it: a new stream's chat that came without events).
/// </summary>
public sealed class ImportFileJob(IngestService ingest, DetectionTrigger trigger, IJobQueue jobs, ILogger<ImportFileJob> logger) : IJobHandler<ImportFileRequest>
{
    public async Task RunAsync(ImportFileRequest request, JobContext context, CancellationToken cancellationToken)
    {
        var streamId = request.StreamId ?? throw new ArgumentException("An import needs a stream.", nameof(request));
        try
        {
            await ingest.ImportAsync(request.AccountId, streamId, request.DataKind, request.Path, context.Progress, cancellationToken);
        }
        finally
        {
            if (request.DeleteWhenDone)
            {
                File.Delete(request.Path);
            }
        }

        var detection = request.StartDetection
            ? await jobs.EnqueueAsync(new DetectHighlightsRequest { AccountId = request.AccountId, StreamId = streamId }, cancellationToken)
            : await trigger.AfterImportAsync(request.AccountId, streamId, cancellationToken);
        if (detection is { } jobId)
        {
            logger.LogInformation("Stream {StreamId} has its inputs: detection job {JobId} started", streamId, jobId);
        }
    }
}
