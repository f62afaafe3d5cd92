using VodManager.Core.Ingest;
using VodManager.Core.Jobs;

namespace VodManager.Web.Jobs;

public sealed class ImportVideoUrlJob(VideoImportService videos) : IJobHandler<ImportVideoUrlRequest>
{
    public async Task RunAsync(ImportVideoUrlRequest request, JobContext context, CancellationToken cancellationToken)
    {
        var streamId = request.StreamId ?? throw new ArgumentException("An import needs a stream.", nameof(request));
        var target = new VideoImportTarget(request.AccountId, streamId, request.VideoKind);
        await videos.ImportUrlAsync(target, request.Url, context.JobId.ToString("N"), context.Progress, cancellationToken);
    }
}
