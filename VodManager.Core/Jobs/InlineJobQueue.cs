namespace VodManager.Core.Jobs;

/// <summary>For the CLI: runs each request at once, in this process, with the same bookkeeping as a scheduled job; a failure throws.</summary>
public sealed class InlineJobQueue(JobTracker tracker, JobExecutor executor) : IJobQueue
{
    public async Task<Guid> EnqueueAsync(JobRequest request, CancellationToken cancellationToken)
    {
        var jobId = await tracker.RecordQueuedAsync(request, cancellationToken);
        var outcome = await executor.ExecuteAsync(jobId, request, recovering: false, cancellationToken);
        return outcome.Succeeded ? jobId : throw new JobFailedException(request.Describe(), outcome.Error ?? "unknown error");
    }

    public Task<bool> CancelAsync(int accountId, Guid jobId, CancellationToken cancellationToken) => tracker.RequestCancelAsync(accountId, jobId, cancellationToken);
}
