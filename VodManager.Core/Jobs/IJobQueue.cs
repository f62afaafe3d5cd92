namespace VodManager.Core.Jobs;

/// <summary>Starts background work. The Web host backs it with Quartz and a persistent store; the CLI runs work inline.</summary>
public interface IJobQueue
{
    /// <summary>Records the job as queued and schedules it; returns the job id its progress is reported under.</summary>
    Task<Guid> EnqueueAsync(JobRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Asks the account's queued or running job to stop, on whichever node runs it; its handler sees its token
    /// cancelled and cleans up, and the job ends Cancelled. False when the account has no such unfinished job.
    /// </summary>
    Task<bool> CancelAsync(int accountId, Guid jobId, CancellationToken cancellationToken);
}
