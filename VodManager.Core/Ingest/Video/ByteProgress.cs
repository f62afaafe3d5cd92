using VodManager.Core.Jobs;

namespace VodManager.Core.Ingest.Video;

/// <summary>Turns a byte count into job progress between two percentages, reporting each whole percent (or each 8 MiB when the total is unknown) once.</summary>
public sealed class ByteProgress(IProgress<JobProgress>? progress, string stage, long? total, double fromPercent, double toPercent)
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
        else
        {
            progress.Report(new JobProgress(stage, fromPercent, ByteSize.Format(bytes)));
            _nextReportAt = bytes + UnknownTotalStep;
        }
    }
}
