using VodManager.Core.Cutting;
using VodManager.Core.Jobs;

namespace VodManager.Web.Jobs;

/// <summary>The editor's selection as one batch; each highlight's outcome is on the highlight, the job carries the tally.</summary>
public sealed class CutSelectedJob(ClipRequests cuts, ILogger<CutSelectedJob> logger) : IJobHandler<CutSelectedRequest>
{
    public async Task RunAsync(CutSelectedRequest request, JobContext context, CancellationToken cancellationToken)
    {
        logger.LogInformation("Job {JobId}: cutting {Count} selected highlights", context.JobId, request.HighlightIds.Count);
        await cuts.RunAsync(request, context, cancellationToken);
    }
}
