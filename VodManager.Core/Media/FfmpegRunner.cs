using System.Diagnostics;
using System.Globalization;
using FFMpegCore;
using Microsoft.Extensions.Logging;
using VodManager.Core.Diagnostics;

namespace VodManager.Core.Media;

/// <summary>
/// Runs what <see cref="FfmpegArguments"/> builds: per-call options, cancellation that stops ffmpeg, progress,
/// and no partial output left behind on failure or cancellation.
/// </summary>
public sealed class FfmpegRunner(FfmpegOptionsProvider options, ILogger<FfmpegRunner> logger)
{
    private const int StderrLinesKept = 12;

    /// <param name="processor">The command, from <see cref="FfmpegArguments"/>.</param>
    /// <param name="outputPath">The output file to delete if the run does not succeed; null when the output is not a file.</param>
    /// <param name="totalDuration">The media duration the command processes, to turn ffmpeg's time into a percentage.</param>
    /// <param name="percent">Receives 0..100 while ffmpeg runs.</param>
    /// <param name="cancellationToken">Stops ffmpeg (then kills it) and removes the partial output.</param>
    /// <returns>ffmpeg's standard error lines.</returns>
    public async Task<IReadOnlyList<string>> RunAsync(
        FFMpegArgumentProcessor processor,
        string? outputPath,
        TimeSpan? totalDuration,
        IProgress<double>? percent,
        CancellationToken cancellationToken)
    {
        var stderr = new List<string>();
        processor
            .Configure(o => Copy(options.Create(), o))
            .CancellableThrough(cancellationToken, TimeSpan.FromSeconds(3))
            .NotifyOnStandardError(line =>
            {
                lock (stderr)
                {
                    stderr.Add(line);
                }
            });
        if (percent is not null && totalDuration is { } total && total > TimeSpan.Zero)
        {
            processor.NotifyOnPercentageProgress(p => percent.Report(Math.Clamp(p, 0, 100)), total);
        }

        logger.LogDebug("ffmpeg {Arguments}", processor.Arguments);
        using var activity = VodActivities.Start(VodActivities.Ffmpeg);
        activity?.SetTag("output", outputPath is null ? null : Path.GetFileName(outputPath));
        var started = Stopwatch.GetTimestamp();
        var succeeded = false;
        try
        {
            var result = await processor.ProcessAsynchronously(false);
            var exit = cancellationToken.IsCancellationRequested ? "cancelled" : result.ExitCode.ToString(CultureInfo.InvariantCulture);
            VodMetrics.FfmpegDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(VodMetrics.ExitCodeTag, exit));
            activity?.SetTag(VodMetrics.ExitCodeTag, exit);
            cancellationToken.ThrowIfCancellationRequested();
            if (!result.Success)
            {
                throw new FfmpegException($"ffmpeg exited with code {result.ExitCode}: {Tail(stderr)}");
            }

            if (outputPath is not null && (!File.Exists(outputPath) || new FileInfo(outputPath).Length == 0))
            {
                throw new FfmpegException($"ffmpeg reported success but wrote nothing to '{Path.GetFileName(outputPath)}': {Tail(stderr)}");
            }

            succeeded = true;
            return stderr;
        }
        finally
        {
            if (!succeeded && outputPath is not null)
            {
                File.Delete(outputPath);
            }
        }
    }

    private static void Copy(FFOptions from, FFOptions to)
    {
        to.BinaryFolder = from.BinaryFolder;
        to.TemporaryFilesFolder = from.TemporaryFilesFolder;
    }

    private static string Tail(List<string> stderr)
    {
        lock (stderr)
        {
            var meaningful = stderr.Where(l => !string.IsNullOrWhiteSpace(l)).TakeLast(StderrLinesKept);
            return string.Join(" | ", meaningful);
        }
    }
}
