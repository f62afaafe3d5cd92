namespace VodManager.Core.Jobs;

/// <summary>Fans job updates out to every subscriber (every open editor circuit, the CLI's console).</summary>
public interface IProgressBus
{
    void Publish(JobUpdate update);

    /// <summary>Receives every update from now on until the returned handle is disposed.</summary>
    IDisposable Subscribe(Func<JobUpdate, Task> handler);

    /// <summary>The latest update of each job of the account that is still running or finished moments ago.</summary>
    IReadOnlyList<JobUpdate> Recent(int accountId);
}
