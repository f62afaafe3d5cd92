using Quartz;
using VodManager.Core.Cutting;
using VodManager.Core.Ingest;
using VodManager.Core.Jobs;
using VodManager.Core.Refinement;
using VodManager.Web.Jobs;

namespace VodManager.Web.Hosting;

/// <summary>
/// After migration and before the scheduler starts: jobs that will never run again are marked failed, and the cut,
/// video import and refinement sweeps release what they held. A job still in the persistent job store is left alone
/// (Quartz recovers it and it finishes its own work), and so is one a live node runs outside the scheduler (the CLI).
/// </summary>
public sealed class JobRecoveryStartupTask(
    InterruptedJobs jobs, CutRecoverySweep cuts, VideoImportRecoverySweep imports, RefinementHistory refinements, ISchedulerFactory schedulers) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var willRun = await jobs.SettleAsync(
            async (jobId, ct) => await scheduler.GetJobDetail(new JobKey(jobId.ToString(), QuartzJobQueue.Group), ct) is not null, cancellationToken);
        await cuts.RunAsync(willRun, cancellationToken);
        await imports.RunAsync(willRun, cancellationToken);
        await refinements.ResetAbandonedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
