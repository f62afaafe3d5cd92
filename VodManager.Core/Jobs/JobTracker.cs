using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Nodes;

namespace VodManager.Core.Jobs;

/// <summary>Keeps a job's record in the database and its updates on the bus; hands services an <see cref="IProgress{T}"/>.</summary>
public sealed class JobTracker(IDbContextFactory<VodDbContext> dbFactory, IProgressBus bus, LocalNode node, TimeProvider time)
{
    public async Task<Guid> RecordQueuedAsync(JobRequest request, CancellationToken cancellationToken)
    {
        var record = new JobRecord
        {
            Id = Guid.NewGuid(),
            AccountId = request.AccountId,
            StreamId = request.StreamId,
            Kind = request.Kind,
            Title = request.Describe(),
            Status = JobStatus.Queued,
            Stage = "queued",
            RequestedBy = request.RequestedBy,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Jobs.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        bus.Publish(ToUpdate(record, eta: null));
        return record.Id;
    }

    /// <summary>Marks the job running (again, when recovering after a restart) and returns its progress handle.</summary>
    public async Task<JobRun> StartAsync(Guid jobId, JobRequest request, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.Jobs.SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (record is null)
        {
            record = new JobRecord { Id = jobId, AccountId = request.AccountId, StreamId = request.StreamId, Kind = request.Kind, Title = request.Describe(), RequestedBy = request.RequestedBy, CreatedAt = time.GetUtcNow().UtcDateTime };
            db.Jobs.Add(record);
        }

        record.Status = JobStatus.Running;
        record.NodeId = node.Id;
        record.StartedAt = time.GetUtcNow().UtcDateTime;
        record.Stage = "starting";
        record.Percent = 0;
        record.Error = null;
        await db.SaveChangesAsync(cancellationToken);
        var run = new JobRun(this, record, time);
        Publish(record, eta: null);
        return run;
    }

    /// <summary>
    /// Asks the account's job to stop, wherever it runs: the running node reads the request (<see cref="JobExecutor"/>).
    /// False when the account has no such job or it has already finished.
    /// </summary>
    public async Task<bool> RequestCancelAsync(int accountId, Guid jobId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Jobs
            .Where(j => j.Id == jobId && j.AccountId == accountId && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.CancelRequestedAt, j => j.CancelRequestedAt ?? now), cancellationToken) > 0;
    }

    /// <summary>The account's job's last message ("3 cut, 1 skipped"); null while it has none.</summary>
    public async Task<string?> MessageAsync(int accountId, Guid jobId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.AsNoTracking().Where(j => j.Id == jobId && j.AccountId == accountId).Select(j => j.Message).SingleAsync(cancellationToken);
    }

    internal async Task<bool> IsCancelRequestedAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.AnyAsync(j => j.Id == jobId && j.CancelRequestedAt != null, cancellationToken);
    }

    internal void Publish(JobRecord record, TimeSpan? eta) => bus.Publish(ToUpdate(record, eta));

    internal async Task SaveAsync(JobRecord record, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Jobs.Where(j => j.Id == record.Id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, record.Status)
            .SetProperty(j => j.Stage, record.Stage)
            .SetProperty(j => j.Percent, record.Percent)
            .SetProperty(j => j.Message, record.Message)
            .SetProperty(j => j.Error, record.Error)
            .SetProperty(j => j.FinishedAt, record.FinishedAt), cancellationToken);
    }

    private JobUpdate ToUpdate(JobRecord r, TimeSpan? eta) => JobUpdate.From(r, eta, time.GetUtcNow().UtcDateTime);
}
