using VodManager.Core.Data.Entities;

namespace VodManager.Core.Jobs;

/// <summary>
/// A running job's progress handle. Every report goes to the bus at once; the database copy is written at most once
/// a second so a chatty ffmpeg cannot flood it. The ETA comes from the rate of progress so far.
/// </summary>
public sealed class JobRun : IProgress<JobProgress>
{
    private static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(1);
    private readonly JobTracker _tracker;
    private readonly JobRecord _record;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _started;
    private readonly Lock _gate = new();
    private DateTimeOffset _lastSaved;
    private Task _pendingSave = Task.CompletedTask;

    internal JobRun(JobTracker tracker, JobRecord record, TimeProvider time)
    {
        _tracker = tracker;
        _record = record;
        _time = time;
        _started = time.GetUtcNow();
        _lastSaved = _started;
    }

    public Guid JobId => _record.Id;

    /// <summary>When the job was queued (UTC), for the queue-wait metric.</summary>
    public DateTime QueuedAt => _record.CreatedAt;

    public void Report(JobProgress value)
    {
        TimeSpan? eta;
        lock (_gate)
        {
            _record.Stage = value.Stage;
            _record.Percent = Math.Clamp(value.Percent, 0, 100);
            _record.Message = value.Message;
            eta = EstimateRemaining();
            var now = _time.GetUtcNow();
            if (now - _lastSaved >= SaveInterval && _pendingSave.IsCompleted)
            {
                _lastSaved = now;
                _pendingSave = _tracker.SaveAsync(Snapshot(), CancellationToken.None);
            }
        }

        _tracker.Publish(Snapshot(), eta);
    }

    public Task SucceedAsync(string? message = null) => FinishAsync(JobStatus.Succeeded, message, error: null);

    public Task FailAsync(string error) => FinishAsync(JobStatus.Failed, message: null, error);

    public Task CancelAsync() => FinishAsync(JobStatus.Cancelled, "cancelled", error: null);

    private async Task FinishAsync(JobStatus status, string? message, string? error)
    {
        Task previous;
        lock (_gate)
        {
            _record.Status = status;
            _record.Error = error;
            _record.FinishedAt = _time.GetUtcNow().UtcDateTime;
            if (status == JobStatus.Succeeded)
            {
                _record.Percent = 100;
                _record.Stage = "done";
            }

            _record.Message = message ?? _record.Message;
            previous = _pendingSave;
        }

        await previous;
        await _tracker.SaveAsync(Snapshot(), CancellationToken.None);
        _tracker.Publish(Snapshot(), eta: null);
    }

    private TimeSpan? EstimateRemaining()
    {
        var percent = _record.Percent;
        if (percent is <= 1 or >= 100)
        {
            return null;
        }

        var elapsed = _time.GetUtcNow() - _started;
        return TimeSpan.FromSeconds(elapsed.TotalSeconds * (100 - percent) / percent);
    }

    private JobRecord Snapshot()
    {
        lock (_gate)
        {
            return new JobRecord
            {
                Id = _record.Id,
                AccountId = _record.AccountId,
                StreamId = _record.StreamId,
                Kind = _record.Kind,
                Title = _record.Title,
                Status = _record.Status,
                Stage = _record.Stage,
                Percent = _record.Percent,
                Message = _record.Message,
                Error = _record.Error,
                CreatedAt = _record.CreatedAt,
                StartedAt = _record.StartedAt,
                FinishedAt = _record.FinishedAt,
            };
        }
    }
}
