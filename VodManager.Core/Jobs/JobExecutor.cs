using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VodManager.Core.Jobs;

/// <summary>
/// Runs one job request through its handler with the bookkeeping every job shares: the record goes
/// Running → Succeeded/Failed/Cancelled, progress reaches the bus, failures keep their reason.
/// Used by the Quartz adapter and by the CLI's inline queue alike.
/// </summary>
public sealed class JobExecutor(IServiceScopeFactory scopes, JobRegistry registry, JobTracker tracker, ILogger<JobExecutor> logger)
{
    public async Task<JobOutcome> ExecuteAsync(Guid jobId, JobRequest request, bool recovering, CancellationToken cancellationToken)
    {
        var run = await tracker.StartAsync(jobId, request, cancellationToken);
        using var logScope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = jobId, ["JobKind"] = request.Kind });
        logger.LogInformation("Job {JobId} ({Kind}) started{Recovering}: {Title}", jobId, request.Kind, recovering ? " (recovering)" : "", request.Describe());
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await registry.Get(request.Kind).Run(scope.ServiceProvider, request, new JobContext(jobId, recovering, run), cancellationToken);
            await run.SucceedAsync();
            logger.LogInformation("Job {JobId} ({Kind}) succeeded", jobId, request.Kind);
            return new JobOutcome(true, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await run.CancelAsync();
            logger.LogInformation("Job {JobId} ({Kind}) was cancelled", jobId, request.Kind);
            throw;
        }
        catch (Exception e)
        {
            await run.FailAsync(e.Message);
            logger.LogError(e, "Job {JobId} ({Kind}) failed: {Reason}", jobId, request.Kind, e.Message);
            return new JobOutcome(false, e.Message);
        }
    }
}
