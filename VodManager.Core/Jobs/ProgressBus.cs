using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace VodManager.Core.Jobs;

/// <summary>
/// In-process bus, and the local fan-out of the Redis bus. Each subscriber gets its own queue and reader, so updates
/// arrive in the order they were delivered, a slow circuit never blocks a job or the other subscribers (its backlog
/// drops the oldest updates first), and a failing handler is logged, not fatal. An update whose sequence is not above
/// the last one delivered for its job is stale (an echo of our own, a late one from a node that died) and dropped.
/// Keeps each job's latest update so a newly opened editor sees what is running. Editors' changes by hand
/// (<see cref="StreamChange"/>) go to the account's subscribers the same way, with nothing kept.
/// </summary>
public sealed class ProgressBus(TimeProvider time, ILogger<ProgressBus> logger) : IProgressBus
{
    private const int BacklogPerSubscriber = 1_000;
    private static readonly TimeSpan KeepFinished = TimeSpan.FromMinutes(10);
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Subscriber<JobUpdate>> _subscribers = [];
    private readonly Dictionary<Guid, Subscriber<StreamChange>> _changeSubscribers = [];
    private readonly Dictionary<Guid, JobUpdate> _latest = [];

    /// <summary>Marks the changes published here (<see cref="StreamChange.Origin"/>).</summary>
    internal Guid Id { get; } = Guid.NewGuid();

    public bool IsLive => true;

    // One process hears every update, so it never goes from live to polling.
    public event Action? LiveChanged
    {
        add { }
        remove { }
    }

    public void Publish(JobUpdate update) => PublishLocal(update, forward: null);

    /// <summary>
    /// Stamps the update with the job's next sequence, delivers it here and hands it to <paramref name="forward"/>
    /// in the same step, so two reports racing on one job leave in the order they were stamped.
    /// </summary>
    internal JobUpdate PublishLocal(JobUpdate update, Action<JobUpdate>? forward)
    {
        lock (_gate)
        {
            var last = _latest.TryGetValue(update.JobId, out var known) ? known.Sequence : 0;
            var stamped = update with { Sequence = Math.Max(last + 1, time.GetUtcNow().UtcTicks) };
            Deliver(stamped);
            forward?.Invoke(stamped);
            return stamped;
        }
    }

    /// <summary>Delivers an update that already has its sequence (from another node, or read from the job table).</summary>
    /// <returns>False when it was stale and dropped.</returns>
    internal bool Deliver(JobUpdate update)
    {
        lock (_gate)
        {
            if (_latest.TryGetValue(update.JobId, out var known) && known.Sequence >= update.Sequence)
            {
                return false;
            }

            _latest[update.JobId] = update;
            Prune();
            foreach (var subscriber in _subscribers.Values)
            {
                if (subscriber.AccountId is null || subscriber.AccountId == update.AccountId)
                {
                    subscriber.Queue.Writer.TryWrite(update);
                }
            }

            return true;
        }
    }

    /// <summary>The latest update delivered for a job, if it is still kept.</summary>
    internal JobUpdate? Latest(Guid jobId)
    {
        lock (_gate)
        {
            return _latest.GetValueOrDefault(jobId);
        }
    }

    /// <summary>Open subscriptions, jobs' and changes' (an open editor's components hold some each): one that outlives its page is a leak.</summary>
    internal int Subscriptions
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count + _changeSubscribers.Count;
            }
        }
    }

    public IDisposable Subscribe(int? accountId, Func<JobUpdate, Task> handler) => Subscribe(_subscribers, accountId, handler);

    public void PublishChange(StreamChange change) => DeliverChange(change with { Origin = Id, Stamp = time.GetTimestamp() });

    public bool PublishedHereBefore(StreamChange change, long timestamp) => change.Origin == Id && change.Stamp <= timestamp;

    /// <summary>Delivers a change here: one of this node's, or one from another node.</summary>
    internal void DeliverChange(StreamChange change)
    {
        lock (_gate)
        {
            foreach (var subscriber in _changeSubscribers.Values.Where(s => s.AccountId == change.AccountId))
            {
                subscriber.Queue.Writer.TryWrite(change);
            }
        }
    }

    public IDisposable SubscribeChanges(int accountId, Func<StreamChange, Task> handler) => Subscribe(_changeSubscribers, accountId, handler);

    private IDisposable Subscribe<T>(Dictionary<Guid, Subscriber<T>> subscribers, int? accountId, Func<T, Task> handler)
    {
        var id = Guid.NewGuid();
        var queue = Channel.CreateBounded<T>(new BoundedChannelOptions(BacklogPerSubscriber)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate)
        {
            subscribers[id] = new Subscriber<T>(accountId, queue);
        }

        _ = DeliverAsync(queue.Reader, handler);
        return new Subscription(() =>
        {
            lock (_gate)
            {
                if (subscribers.Remove(id, out var removed))
                {
                    removed.Queue.Writer.TryComplete();
                }
            }
        });
    }

    public IReadOnlyList<JobUpdate> Recent(int accountId)
    {
        lock (_gate)
        {
            return _latest.Values.Where(u => u.AccountId == accountId).OrderByDescending(u => u.At).ToList();
        }
    }

    private async Task DeliverAsync<T>(ChannelReader<T> reader, Func<T, Task> handler)
    {
        await foreach (var message in reader.ReadAllAsync())
        {
            try
            {
                await handler(message);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A progress subscriber failed on {Message}", message);
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
                _latest.Remove(id);
            }
        }
    }

    private sealed record Subscriber<T>(int? AccountId, Channel<T> Queue);

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
