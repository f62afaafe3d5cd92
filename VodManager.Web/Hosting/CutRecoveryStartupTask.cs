using Quartz;
using VodManager.Core.Cutting;
using VodManager.Web.Jobs;

namespace VodManager.Web.Hosting;

/// <summary>
/// Runs the cutter's crash sweep after migration and before the scheduler starts. A claim whose job is still in the
/// persistent job store is left alone: Quartz recovers that job and it finishes its own work.
/// </summary>
public sealed class CutRecoveryStartupTask(CutRecoverySweep sweep, ISchedulerFactory schedulers) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await sweep.RunAsync(async (token, ct) =>
            Guid.TryParseExact(token, "N", out var jobId) && await scheduler.GetJobDetail(new JobKey(jobId.ToString(), QuartzJobQueue.Group), ct) is not null,
            cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
