namespace VodManager.Core.Jobs;

/// <summary>
/// Passes reports on and remembers the last, so something outside the steps that report (a download waiting to retry)
/// can say what is happening without moving the bar.
/// </summary>
public sealed class LatestProgress(IProgress<JobProgress>? inner) : IProgress<JobProgress>
{
    private JobProgress? _last;

    public void Report(JobProgress value)
    {
        _last = value;
        inner?.Report(value);
    }

    /// <summary>The last report again with <paramref name="message"/> (the first stage's start when there was none).</summary>
    public void Say(string stage, string message) => inner?.Report((_last ?? new JobProgress(stage, 0)) with { Message = message });
}
