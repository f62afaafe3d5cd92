using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VodManager.Core.Diagnostics;

namespace VodManager.Core.Jobs;

/// <summary>
/// Runs one job request through its handler with the bookkeeping every job shares: the record goes
/// Running → Succeeded/Failed/Cancelled, progress reaches the bus, failures keep their reason.
/// Used by the Quartz adapter and by the CLI's inline queue alike; each run is a trace span and feeds the job metrics.
/// </summary>
public sealed class JobExecutor(
    IServiceScopeFactory scopes,
    JobRegistry registry,
    JobTracker tracker,
    IOptions<JobCancellationOptions> options,
    TimeProvider time,
    ILogger<JobExecutor> logger)
{
    public async Task<JobOutcome> ExecuteAsync(Guid jobId, JobRequest request, bool recovering, CancellationToken cancellationToken)
    {
        using var activity = VodActivities.Start(VodActivities.Job);
        activity?.SetTag(VodMetrics.KindTag, request.Kind);
        activity?.SetTag("vodmanager.job.id", jobId);
        activity?.SetTag("vodmanager.job.recovering", recovering);
        var kind = new KeyValuePair<string, object?>(VodMetrics.KindTag, request.Kind);
        var run = await tracker.StartAsync(jobId, request, cancellationToken);
        if (!recovering)
        {
            VodMetrics.JobQueueWait.Record(Math.Max(0, (time.GetUtcNow().UtcDateTime - run.QueuedAt).TotalSeconds), kind);
        }

        // The scheduler's token stops a job on this node; an editor's cancel request, from any node, stops it too.
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = time.GetTimestamp();
        var outcome = "failed";
        using var logScope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = jobId, ["JobKind"] = request.Kind });
        logger.LogInformation("Job {JobId} ({Kind}) started{Recovering}: {Title}", jobId, request.Kind, recovering ? " (recovering)" : "", request.Describe());
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await using (new CancelRequestWatch(tracker, jobId, cancel, options.Value.CancelCheckInterval, logger))
            {
                await registry.Get(request.Kind).Run(scope.ServiceProvider, request, new JobContext(jobId, recovering, run), cancel.Token);
            }

            await run.SucceedAsync();
            outcome = "succeeded";
            logger.LogInformation("Job {JobId} ({Kind}) succeeded", jobId, request.Kind);
            return new JobOutcome(true, null);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            outcome = "cancelled";
            await run.CancelAsync();
            logger.LogInformation("Job {JobId} ({Kind}) was cancelled", jobId, request.Kind);
            throw;
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            await run.FailAsync(e.Message);
            logger.LogError(e, "Job {JobId} ({Kind}) failed: {Reason}", jobId, request.Kind, e.Message);
            return new JobOutcome(false, e.Message);
        }
        finally
        {
            activity?.SetTag("vodmanager.job.outcome", outcome);
            VodMetrics.JobDuration.Record(time.GetElapsedTime(started).TotalSeconds, kind, new(VodMetrics.OutcomeTag, outcome));
        }
    }
}
