using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VodManager.Core.Nodes;

namespace VodManager.Core.Jobs;

/// <summary>
/// On an app node without Redis (one node, the embedded default), the command line still runs jobs beside it, in its
/// own process, whose updates this node's in-process bus never hears: an operator's `./vodmanager cut-all` or `import`
/// showed in an open editor only after a reload. This reads those jobs from the job table every
/// <see cref="ProgressOptions.PollInterval"/> (each job records the node that runs it; this node's own jobs are heard
/// live and left out), so their progress and their end (which makes pages read what the job changed) reach every open
/// editor, a poll interval late.
/// </summary>
public sealed class JobTableFollower(JobTableProgress table, LocalNode node, IOptions<ProgressOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        do
        {
            await table.CatchUpAsync(node.Id, _ => false, stoppingToken);
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
