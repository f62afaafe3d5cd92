using VodManager.Core.Jobs;
using VodManager.Core.Refinement;

namespace VodManager.Web.Jobs;

/// <summary>A refinement run; each highlight's outcome is on the highlight, and any failure also fails the job, so the job list shows it.</summary>
public sealed class RefineJob(Refiner refiner, ILogger<RefineJob> logger) : IJobHandler<RefineRequest>
{
    public async Task RunAsync(RefineRequest request, JobContext context, CancellationToken cancellationToken)
    {
        logger.LogInformation("Job {JobId}: {Title}", context.JobId, request.Describe());
        var run = await refiner.RunAsync(request, context.Progress, $"refine:{context.JobId:N}", cancellationToken);
        var failed = run.Results.Where(r => r.Outcome == RefineOutcome.Failed).ToList();
        if (failed.Count > 0)
        {
            throw new RefinementException($"{failed.Count} of {run.Results.Count} refinements failed ({run.Summary}); first: {failed[0].Reason}");
        }
    }
}
