using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Jobs;

/// <summary>
/// Delivers what the job table says of recent jobs to the local bus where it differs from what the bus knows: how a
/// node follows jobs it cannot hear (other nodes' while Redis is away, <see cref="RedisProgressBus"/>; the command
/// line's on a node without Redis, <see cref="JobTableFollower"/>).
/// </summary>
public sealed class JobTableProgress(ProgressBus local, IDbContextFactory<VodDbContext> dbFactory, TimeProvider time, ILogger<JobTableProgress> logger)
{
    // A job still unfinished after this long is one whose node died with nothing to recover it: not worth showing.
    private static readonly TimeSpan ShowUnfinishedFor = TimeSpan.FromDays(1);
    internal static readonly TimeSpan ShowFinishedFor = TimeSpan.FromMinutes(10);

    /// <param name="exceptNode">A node whose jobs are heard live and never read here (this one), or null for every job.</param>
    /// <param name="heardLately">Whether a job was heard live lately: left alone then (the table lags the bus by up to a second), unless the table says it ended.</param>
    public async Task CatchUpAsync(string? exceptNode, Func<Guid, bool> heardLately, CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            var finishedSince = now - ShowFinishedFor;
            var createdSince = now - ShowUnfinishedFor;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var recent = db.Jobs.AsNoTracking().Where(j => (j.FinishedAt == null && j.CreatedAt >= createdSince) || j.FinishedAt >= finishedSince);
            var records = await (exceptNode is null ? recent : recent.Where(j => j.NodeId != null && j.NodeId != exceptNode)).ToListAsync(cancellationToken);
            foreach (var record in records)
            {
                var known = local.Latest(record.Id);
                var polled = JobUpdate.From(record, eta: null, now);
                if (known is not null && (Same(known, record) || (heardLately(record.Id) && !(polled.IsFinished && !known.IsFinished))))
                {
                    continue;
                }

                local.Deliver(polled with { Sequence = (known?.Sequence ?? 0) + 1 });
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not read the job table for progress");
        }
    }

    private static bool Same(JobUpdate u, JobRecord r) =>
        u.Status == r.Status && u.Stage == r.Stage && u.Percent.Equals(r.Percent) && u.Message == r.Message && u.Error == r.Error;
}
