using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data;

namespace VodManager.Core.Jobs;

/// <summary>
/// The job table read back for the editor. The progress bus keeps only what this node heard in the last minutes, so
/// without it a page opened the next day, after a restart, or after the command line did the work said "no jobs",
/// and a job that failed while nobody watched left no trace on the page; every job's record stays in the table.
/// </summary>
public sealed class JobHistory(IDbContextFactory<VodDbContext> dbFactory)
{
    /// <summary>The account's (or one stream's) latest <paramref name="count"/> jobs as recorded, newest first.</summary>
    public async Task<IReadOnlyList<JobUpdate>> LatestAsync(int accountId, int? streamId, int count, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var records = await db.Jobs.AsNoTracking()
            .Where(j => j.AccountId == accountId && (streamId == null || j.StreamId == streamId))
            .OrderByDescending(j => j.CreatedAt)
            .Take(count)
            .ToListAsync(cancellationToken);
        return [.. records.Select(r => JobUpdate.From(r, eta: null, r.FinishedAt ?? r.StartedAt ?? r.CreatedAt))];
    }

    /// <summary>The titles of the account's streams among <paramref name="streamIds"/> (an account-wide list names each job's stream).</summary>
    public async Task<IReadOnlyDictionary<int, string>> StreamTitlesAsync(int accountId, IReadOnlyCollection<int> streamIds, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Streams.AsNoTracking()
            .Where(s => s.AccountId == accountId && streamIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.Title, cancellationToken);
    }

    /// <summary>
    /// What the bus heard, and the recorded jobs it did not hear (or heard less of than the table knows: a job that
    /// ended on a process the bus never heard from), newest first.
    /// </summary>
    public static IReadOnlyList<JobUpdate> Merge(IEnumerable<JobUpdate> live, IEnumerable<JobUpdate> recorded, int count)
    {
        var jobs = live.ToDictionary(j => j.JobId);
        foreach (var job in recorded)
        {
            if (!jobs.TryGetValue(job.JobId, out var heard) || (job.IsFinished && !heard.IsFinished && job.At >= heard.At))
            {
                jobs[job.JobId] = job;
            }
        }

        return [.. jobs.Values.OrderByDescending(j => j.At).Take(count)];
    }
}
