using VodManager.Core.Jobs;

namespace VodManager.Tests.Fixtures;

/// <summary>Receives progress on the reporting thread, in order (Progress&lt;T&gt; posts to a context and can reorder or lag).</summary>
public sealed class SyncProgress(Action<JobProgress> onReport) : IProgress<JobProgress>
{
    public void Report(JobProgress value) => onReport(value);
}
