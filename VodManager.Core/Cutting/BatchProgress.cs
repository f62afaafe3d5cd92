using System.Globalization;
using VodManager.Core.Jobs;

namespace VodManager.Core.Cutting;

/// <summary>
/// Folds per-clip progress (stage, percent) into one batch figure: "n of N" done, overall percent and an ETA from
/// the pace so far. Clips of a batch run in parallel, so each keeps its own share.
/// </summary>
internal sealed class BatchProgress(IProgress<JobProgress>? progress, int total, TimeProvider time)
{
    private readonly double[] _percents = new double[total];
    private readonly DateTimeOffset _started = time.GetUtcNow();
    private readonly Lock _gate = new();
    private int _done;

    public IProgress<double> ForClip(int index, Func<string> stage) => new Progress(this, index, stage);

    public void Report(int index, string stage, double percent)
    {
        if (progress is null)
        {
            return;
        }

        JobProgress report;
        lock (_gate)
        {
            _percents[index] = Math.Clamp(percent, 0, 100);
            var overall = _percents.Sum() / Math.Max(1, total);
            report = new JobProgress($"clip {index + 1} of {total}: {stage}", overall, $"{_done} of {total} done{Eta(overall)}");
        }

        progress.Report(report);
    }

    public void Finished(int index, CutResult result)
    {
        lock (_gate)
        {
            _done++;
        }

        Report(index, result.Outcome.ToString().ToLowerInvariant(), 100);
    }

    private string Eta(double overall)
    {
        if (overall is <= 1 or >= 100)
        {
            return "";
        }

        var elapsed = (time.GetUtcNow() - _started).TotalSeconds;
        var remaining = TimeSpan.FromSeconds(elapsed * (100 - overall) / overall);
        return ", about " + remaining.ToString(remaining.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture) + " left";
    }

    // Progress<T> posts to a synchronization context; ffmpeg's callbacks must reach the bus at once and in order.
    private sealed class Progress(BatchProgress owner, int index, Func<string> stage) : IProgress<double>
    {
        public void Report(double value) => owner.Report(index, stage(), value);
    }
}
