using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace VodManager.Core.Jobs;

/// <summary>
/// In-process bus. Each subscriber gets its own queue and reader, so updates arrive in the order they were published,
/// a slow circuit never blocks a job or the other subscribers (its backlog drops the oldest updates first), and a
/// failing handler is logged, not fatal. Keeps each job's latest update so a newly opened editor sees what is running.
/// </summary>
public sealed class ProgressBus(TimeProvider time, ILogger<ProgressBus> logger) : IProgressBus
{
    private const int BacklogPerSubscriber = 1_000;
    private static readonly TimeSpan KeepFinished = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<Guid, Channel<JobUpdate>> _subscribers = new();
    private readonly ConcurrentDictionary<Guid, JobUpdate> _latest = new();

    public void Publish(JobUpdate update)
    {
        _latest[update.JobId] = update;
        Prune();
        foreach (var queue in _subscribers.Values)
        {
            queue.Writer.TryWrite(update);
        }
    }

    public IDisposable Subscribe(Func<JobUpdate, Task> handler)
    {
        var id = Guid.NewGuid();
        var queue = Channel.CreateBounded<JobUpdate>(new BoundedChannelOptions(BacklogPerSubscriber)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        _subscribers[id] = queue;
        _ = DeliverAsync(queue.Reader, handler);
        return new Subscription(() =>
        {
            if (_subscribers.TryRemove(id, out var removed))
            {
                removed.Writer.TryComplete();
            }
        });
    }

    public IReadOnlyList<JobUpdate> Recent(int accountId) =>
        _latest.Values.Where(u => u.AccountId == accountId).OrderByDescending(u => u.At).ToList();

    private async Task DeliverAsync(ChannelReader<JobUpdate> reader, Func<JobUpdate, Task> handler)
    {
        await foreach (var update in reader.ReadAllAsync())
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
