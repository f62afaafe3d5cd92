using VodManager.Core.Cutting;
using VodManager.Core.Jobs;

namespace VodManager.Web.Jobs;

/// <summary>One highlight; a clip that could not be made fails the job with the highlight's reason.</summary>
public sealed class CutClipJob(ClipRequests cuts, ILogger<CutClipJob> logger) : IJobHandler<CutClipRequest>
{
    public async Task RunAsync(CutClipRequest request, JobContext context, CancellationToken cancellationToken)
    {
        logger.LogInformation("Job {JobId}: cutting highlight {HighlightId}", context.JobId, request.HighlightId);
        var result = (await cuts.RunAsync(request, context, cancellationToken)).Single();
        if (!result.HasClip)
        {
            throw new CutException(result.Reason ?? result.Outcome.ToString());
        }
    }
}
