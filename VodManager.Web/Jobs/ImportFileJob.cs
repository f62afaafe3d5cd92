using VodManager.Core.Detection;
using VodManager.Core.Ingest;
using VodManager.Core.Jobs;

namespace VodManager.Web.Jobs;

/// <summary>Imports a chat, events or transcript file, then starts detection when the stream has both chat and events.</summary>
public sealed class ImportFileJob(IngestService ingest, DetectionTrigger trigger, ILogger<ImportFileJob> logger) : IJobHandler<ImportFileRequest>
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

        if (await trigger.AfterImportAsync(request.AccountId, streamId, cancellationToken) is { } detection)
        {
            logger.LogInformation("Stream {StreamId} has chat and events: detection job {JobId} started", streamId, detection);
        }
    }
}
