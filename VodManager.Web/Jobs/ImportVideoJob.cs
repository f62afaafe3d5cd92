using VodManager.Core.Ingest;
using VodManager.Core.Jobs;

namespace VodManager.Web.Jobs;

public sealed class ImportVideoJob(VideoImportService videos) : IJobHandler<ImportVideoRequest>
{
    public async Task RunAsync(ImportVideoRequest request, JobContext context, CancellationToken cancellationToken)
    {
        var streamId = request.StreamId ?? throw new ArgumentException("An import needs a stream.", nameof(request));
        var target = new VideoImportTarget(request.AccountId, streamId, request.VideoKind);
        await videos.ImportServerFileAsync(target, request.Path, context.JobId.ToString("N"), context.Progress, cancellationToken);
    }
}
