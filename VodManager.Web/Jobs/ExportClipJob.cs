using VodManager.Core.Export;
using VodManager.Core.Jobs;

namespace VodManager.Web.Jobs;

/// <summary>One vertical export; its summary (and any "no captions" note) stays on the job as its message.</summary>
public sealed class ExportClipJob(ExportRequests exports, ILogger<ExportClipJob> logger) : IJobHandler<ExportClipRequest>
{
    public async Task RunAsync(ExportClipRequest request, JobContext context, CancellationToken cancellationToken)
    {
        logger.LogInformation("Job {JobId}: exporting clip {ClipVodId} ({Profile}, {Framing})", context.JobId, request.ClipVodId, request.Profile, request.Framing);
        await exports.RunAsync(request, context, cancellationToken);
    }
}
