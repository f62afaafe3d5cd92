namespace VodManager.Core.Jobs;

/// <summary>
/// Fans job updates out to every subscriber (every open editor circuit, the CLI's console), and editors' changes by hand
/// to every other open editor.
/// </summary>
public interface IProgressBus
{
    /// <summary>False while updates from other nodes cannot arrive live; they are then read from the job table.</summary>
    bool IsLive { get; }

    /// <summary>Raised when <see cref="IsLive"/> changes, so pages can say whether they follow other nodes live.</summary>
    event Action? LiveChanged;

    /// <summary>Sends an update to every subscriber of its account. Never throws into the job that reports.</summary>
    void Publish(JobUpdate update);

    /// <summary>
    /// Receives every update of <paramref name="accountId"/> (of every account when null: the operator's console) from
    /// now on until the returned handle is disposed; each job's updates arrive in order, a stale one is dropped.
    /// </summary>
    IDisposable Subscribe(int? accountId, Func<JobUpdate, Task> handler);

    /// <summary>Tells every open editor of a stream, on every node, that its highlights were changed by hand. Never throws.</summary>
    void PublishChange(StreamChange change);

    /// <summary>
    /// Whether this node published the change at or before <paramref name="timestamp"/> (this node's
    /// <see cref="TimeProvider.GetTimestamp"/>), so what was read from then on shows it already: an editor's own change
    /// coming back to the page that made it and has read since. Another node's change is never known to be seen.
    /// </summary>
    bool PublishedHereBefore(StreamChange change, long timestamp);

    /// <summary>Receives the stream changes of <paramref name="accountId"/> from now on until the returned handle is disposed.</summary>
    IDisposable SubscribeChanges(int accountId, Func<StreamChange, Task> handler);

    /// <summary>The latest update of each job of the account that is still running or finished moments ago.</summary>
    IReadOnlyList<JobUpdate> Recent(int accountId);
}
