using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace VodManager.Core.Jobs;

/// <summary>
/// In-process bus. A slow or failing subscriber never blocks a job or other subscribers: handlers run on the
/// thread pool and their failures are logged. Keeps each job's latest update so a newly opened editor sees
/// what is already running.
/// </summary>
public sealed class ProgressBus(TimeProvider time, ILogger<ProgressBus> logger) : IProgressBus
{
    private static readonly TimeSpan KeepFinished = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<Guid, Func<JobUpdate, Task>> _subscribers = new();
    private readonly ConcurrentDictionary<Guid, JobUpdate> _latest = new();

    public void Publish(JobUpdate update)
    {
        _latest[update.JobId] = update;
        Prune();
        foreach (var handler in _subscribers.Values)
        {
            _ = Deliver(handler, update);
        }
    }

    public IDisposable Subscribe(Func<JobUpdate, Task> handler)
    {
        var id = Guid.NewGuid();
        _subscribers[id] = handler;
        return new Subscription(() => _subscribers.TryRemove(id, out _));
    }

    public IReadOnlyList<JobUpdate> Recent(int accountId) =>
        _latest.Values.Where(u => u.AccountId == accountId).OrderByDescending(u => u.At).ToList();

    private async Task Deliver(Func<JobUpdate, Task> handler, JobUpdate update)
    {
        try
        {
            await handler(update);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "A progress subscriber failed on job {JobId}", update.JobId);
        }
    }

    private void Prune()
    {
        var cutoff = time.GetUtcNow().UtcDateTime - KeepFinished;
        foreach (var (id, update) in _latest)
        {
            if (update.IsFinished && update.At < cutoff)
            {
                _latest.TryRemove(id, out _);
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
