using VodManager.Core.Jobs;

namespace VodManager.Core.Ingest.Video;

/// <summary>Turns a byte count into job progress between two percentages, reporting each whole percent (or each 8 MiB when the total is unknown) once.</summary>
/// <param name="share">Without a total, how far along the download is by another measure (an HLS playlist's segments), and how to say it.</param>
public sealed class ByteProgress(IProgress<JobProgress>? progress, string stage, long? total, double fromPercent, double toPercent, Func<(double Fraction, string Said)>? share = null)
{
    private const long UnknownTotalStep = 8 << 20;
    private long _nextReportAt;

    public void Report(long bytes)
    {
        if (progress is null || bytes < _nextReportAt)
        {
            return;
        }

        if (total is > 0 and var known)
        {
            var fraction = Math.Min(1, (double)bytes / known);
            progress.Report(new JobProgress(stage, ProgressScale.Scale(fraction * 100, fromPercent, toPercent), $"{ByteSize.Format(bytes)} of {ByteSize.Format(known)}"));
            _nextReportAt = bytes + Math.Max(1, known / 100);
        }
        else if (share?.Invoke() is var (fraction, said))
        {
            progress.Report(new JobProgress(stage, ProgressScale.Scale(Math.Min(1, fraction) * 100, fromPercent, toPercent), $"{ByteSize.Format(bytes)}, {said}"));
            _nextReportAt = bytes + UnknownTotalStep;
        }
        else
        {
            progress.Report(new JobProgress(stage, fromPercent, ByteSize.Format(bytes)));
            _nextReportAt = bytes + UnknownTotalStep;
        }
    }
}
