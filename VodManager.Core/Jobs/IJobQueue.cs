namespace VodManager.Core.Jobs;

/// <summary>Starts background work. The Web host backs it with Quartz and a persistent store; the CLI runs work inline.</summary>
public interface IJobQueue
{
    /// <summary>Records the job as queued and schedules it; returns the job id its progress is reported under.</summary>
    Task<Guid> EnqueueAsync(JobRequest request, CancellationToken cancellationToken);

    /// <summary>Asks a running job to stop; its handler sees its token cancelled and cleans up. False when it is not running here.</summary>
    Task<bool> CancelAsync(Guid jobId, CancellationToken cancellationToken);
}
