using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using VodManager.Core.Diagnostics;

namespace VodManager.Benchmarks;

/// <summary>
/// Listens to the product's own spans (<see cref="VodActivities"/>) and sums them per name: where a run's time went.
/// Spans of work that runs in parallel add up, so the busy seconds of a stage may exceed the run's wall clock.
/// </summary>
internal sealed class StageTimes : IDisposable
{
    private readonly ActivityListener _listener;
    private ConcurrentDictionary<string, Stage> _stages = new();

    public StageTimes()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == VodActivities.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Forgets what was recorded, e.g. before the next measured run.</summary>
    public void Reset() => _stages = new ConcurrentDictionary<string, Stage>();

    /// <summary>The recorded stages (name, runs, busy seconds, bytes tagged), busiest first.</summary>
    public IReadOnlyList<(string Name, int Count, double Seconds, long Bytes)> Snapshot() =>
        _stages.Select(s => (s.Key, s.Value.Count, s.Value.Ticks / (double)TimeSpan.TicksPerSecond, s.Value.Bytes))
            .OrderByDescending(s => s.Item3)
            .ToList();

    /// <summary>Prints the breakdown of what was recorded since the last reset, against the run's wall clock.</summary>
    public void Print(string title, double wallSeconds)
    {
        Console.WriteLine($"{title} (wall {wallSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s; busy seconds of parallel work add up)");
        Console.WriteLine($"  {"stage",-20} {"runs",5} {"busy s",8} {"mean ms",8} {"MB",8}");
        foreach (var (name, count, seconds, bytes) in Snapshot())
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-20} {count,5} {seconds,8:0.000} {seconds * 1000 / count,8:0.0} {(bytes > 0 ? (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) : ""),8}"));
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Activity activity)
    {
        var bytes = activity.GetTagItem("bytes") is { } tagged ? Convert.ToInt64(tagged, CultureInfo.InvariantCulture) : 0;
        _stages.AddOrUpdate(activity.OperationName, _ => new Stage(1, activity.Duration.Ticks, bytes), (_, s) => new Stage(s.Count + 1, s.Ticks + activity.Duration.Ticks, s.Bytes + bytes));
    }

    private readonly record struct Stage(int Count, long Ticks, long Bytes);
}
