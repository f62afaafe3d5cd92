namespace VodManager.Core.Jobs;

/// <summary>
/// Reports one part of a job's work (0..100 of the part) as a range of the whole job. The adapters report on the
/// caller's thread: <see cref="Progress{T}"/> posts each report to the thread pool, so its reports can arrive out of
/// order, even after the job's "done".
/// </summary>
public static class ProgressScale
{
    /// <summary><paramref name="percent"/> (clamped to 0..100) of the range from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static double Scale(double percent, double from, double to) => from + (to - from) * Math.Clamp(percent, 0, 100) / 100;

    /// <summary>A tool's 0..100 as <paramref name="from"/>..<paramref name="to"/> of the job, under one stage name.</summary>
    public static IProgress<double>? Stage(IProgress<JobProgress>? job, string stage, double from, double to) =>
        job is null ? null : new Reporter<double>(p => job.Report(new JobProgress(stage, Scale(p, from, to))));

    /// <summary>A sub-task's own job progress as <paramref name="from"/>..<paramref name="to"/> of the job; its stages and messages pass through.</summary>
    public static IProgress<JobProgress>? Part(IProgress<JobProgress>? job, double from, double to) =>
        job is null ? null : new Reporter<JobProgress>(p => job.Report(p with { Percent = Scale(p.Percent, from, to) }));

    /// <summary>A tool's 0..100 as <paramref name="from"/>..<paramref name="to"/> of a percentage.</summary>
    public static IProgress<double> Part(IProgress<double> percent, double from, double to) =>
        new Reporter<double>(p => percent.Report(Scale(p, from, to)));

    /// <summary>Reports straight to <paramref name="report"/> on the caller's thread, in the order the work reports.</summary>
    public static IProgress<T> Inline<T>(Action<T> report) => new Reporter<T>(report);

    private sealed class Reporter<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
