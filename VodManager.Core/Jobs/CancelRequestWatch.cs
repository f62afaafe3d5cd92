using Microsoft.Extensions.Logging;

namespace VodManager.Core.Jobs;

/// <summary>
/// Watches a running job's record for a cancel request and cancels the job's token when one appears. The request may
/// come from any node (the editor's page can be on another node than the job), so it goes through the job table,
/// read every Jobs:CancelCheckInterval; once at the start too, for a job cancelled while it was queued.
/// </summary>
internal sealed class CancelRequestWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;

    public CancelRequestWatch(JobTracker tracker, Guid jobId, CancellationTokenSource job, TimeSpan interval, ILogger logger)
    {
        _watching = WatchAsync(tracker, jobId, job, interval, logger, _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }

    private static async Task WatchAsync(JobTracker tracker, Guid jobId, CancellationTokenSource job, TimeSpan interval, ILogger logger, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                try
                {
                    if (await tracker.IsCancelRequestedAsync(jobId, stop))
                    {
                        logger.LogInformation("Job {JobId} was cancelled by an editor", jobId);
                        await job.CancelAsync();
                        return;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Reading job {JobId}'s cancel request failed; trying again in {Interval}", jobId, interval);
                }
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The job ended.
        }
    }
}
