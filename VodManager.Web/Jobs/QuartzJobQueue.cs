using Quartz;
using VodManager.Core.Jobs;

namespace VodManager.Web.Jobs;

/// <summary>Schedules each request as a durable, recoverable Quartz job in the persistent store.</summary>
public sealed class QuartzJobQueue(ISchedulerFactory schedulers, JobTracker tracker, JobRegistry registry) : IJobQueue
{
    public const string Group = "vodmanager";

    public async Task<Guid> EnqueueAsync(JobRequest request, CancellationToken cancellationToken)
    {
        var payload = registry.Serialize(request);
        var jobId = await tracker.RecordQueuedAsync(request, cancellationToken);
        var job = JobBuilder.Create<RunJobRequest>()
            .WithIdentity(jobId.ToString(), Group)
            .WithDescription(request.Describe())
            .UsingJobData(RunJobRequest.JobIdKey, jobId.ToString())
            .UsingJobData(RunJobRequest.KindKey, request.Kind)
            .UsingJobData(RunJobRequest.PayloadKey, payload)
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create().ForJob(job).StartNow().Build();
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.ScheduleJob(job, trigger, default, cancellationToken);
        return jobId;
    }

    public async Task<bool> CancelAsync(int accountId, Guid jobId, CancellationToken cancellationToken)
    {
        if (!await tracker.RequestCancelAsync(accountId, jobId, cancellationToken))
        {
            return false;
        }

        // When the job runs on this node it stops now; on another node, at its next look at the request.
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.Interrupt(new JobKey(jobId.ToString(), Group), cancellationToken);
        return true;
    }
}
