using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using VodManager.Core.Data;
using VodManager.Core.Nodes;

namespace VodManager.Core.Jobs;

/// <summary>
/// At start-up, before the scheduler runs anything: which unfinished jobs will still finish their own work. One the
/// scheduler holds (queued, or to be recovered after its node died) will, and so will one a live node runs outside the
/// scheduler (the CLI runs its jobs inline, in its own process, and renews its lease while it does). Any other
/// unfinished job will never run again: its record is marked failed, so no editor waits on it, and the start-up sweeps
/// release what it held (<see cref="Cutting.CutRecoverySweep"/>, <see cref="Ingest.VideoImportRecoverySweep"/>).
/// </summary>
public sealed class InterruptedJobs(IDbContextFactory<VodDbContext> dbFactory, NodeLeases leases, TimeProvider time, ILogger<InterruptedJobs> logger)
{
    /// <summary>
    /// A job is recorded queued a moment before the scheduler stores it; one younger than this may still be on its way
    /// there from another node.
    /// </summary>
    private static readonly TimeSpan QueuedGrace = TimeSpan.FromMinutes(5);

    public const string Reason = "Interrupted: the process running it stopped before it finished, and nothing will run it again; start it again.";

    /// <param name="scheduled">True when the scheduler's persistent store holds the job with this id.</param>
    /// <returns>
    /// Whether the job with this id (as <see cref="Guid.ToString(string)"/> "N", the token jobs mark their work with)
    /// will still finish its work. An id that names no job is not one.
    /// </returns>
    public async Task<Func<string, CancellationToken, Task<bool>>> SettleAsync(Func<Guid, CancellationToken, Task<bool>> scheduled, CancellationToken cancellationToken)
    {
        var census = await leases.CensusAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unfinished = await db.Jobs.AsNoTracking()
            .Where(j => j.Status == JobStatus.Queued || j.Status == JobStatus.Running)
            .Select(j => new { j.Id, j.Status, j.NodeId, j.CreatedAt }).ToListAsync(cancellationToken);
        var alive = unfinished
            .Where(j => j.Status == JobStatus.Running ? j.NodeId is { } node && census.IsLive(node) : j.CreatedAt >= now - QueuedGrace)
            .Select(j => j.Id).ToHashSet();
        var gone = new List<Guid>();
        foreach (var job in unfinished.Where(j => !alive.Contains(j.Id)))
        {
            if (!await scheduled(job.Id, cancellationToken))
            {
                gone.Add(job.Id);
            }
        }

        if (gone.Count > 0)
        {
            await db.Jobs.Where(j => gone.Contains(j.Id) && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running)).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, JobStatus.Failed)
                .SetProperty(j => j.Error, Reason)
                .SetProperty(j => j.FinishedAt, now), cancellationToken);
            logger.LogWarning("Start-up sweep: {Count} jobs will not run again (their process stopped before they finished): {Jobs}", gone.Count, string.Join(", ", gone));
        }

        return async (token, ct) => Guid.TryParseExact(token, "N", out var id) && (alive.Contains(id) || await scheduled(id, ct));
    }
}
