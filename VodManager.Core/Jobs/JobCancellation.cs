namespace VodManager.Core.Jobs;

/// <summary>
/// What the editor calls to stop a job, like the feature services that start them (<c>CutJobs</c>, <c>ExportJobs</c>):
/// pages never reach the queue. Only the account's own queued or running job is asked to stop (the request is
/// scoped to the account in the same statement that records it); another account's job id behaves as finished.
/// </summary>
public sealed class JobCancellation(IJobQueue queue)
{
    /// <summary>False when the account has no such unfinished job.</summary>
    public Task<bool> CancelAsync(int accountId, Guid jobId, CancellationToken cancellationToken) =>
        queue.CancelAsync(accountId, jobId, cancellationToken);
}
