using VodManager.Core.Jobs;

namespace VodManager.Tests.Fixtures;

/// <summary>What a progress bus subscriber received, in order (the bus delivers on its own threads).</summary>
public sealed class ReceivedUpdates
{
    private readonly List<JobUpdate> _updates = [];

    public Task Add(JobUpdate update)
    {
        lock (_updates)
        {
            _updates.Add(update);
        }

        return Task.CompletedTask;
    }

    public List<JobUpdate> All()
    {
        lock (_updates)
        {
            return [.. _updates];
        }
    }

    public bool Any(Func<JobUpdate, bool> predicate) => All().Any(predicate);
}
