using VodManager.Core.Cutting;
using VodManager.Core.Jobs;

namespace VodManager.Web.Jobs;

/// <summary>Every uncut highlight of a stream as one batch; each highlight's outcome is on the highlight, the job carries the tally.</summary>
public sealed class CutAllJob(ClipRequests cuts, ILogger<CutAllJob> logger) : IJobHandler<CutAllRequest>
{
    public async Task RunAsync(CutAllRequest request, JobContext context, CancellationToken cancellationToken)
    {
        logger.LogInformation("Job {JobId}: cutting all clips of stream {StreamId}", context.JobId, request.StreamId);
        await cuts.RunAsync(request, context, cancellationToken);
    }
}
