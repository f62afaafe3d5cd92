using System.Diagnostics.Metrics;

namespace VodManager.Core.Diagnostics;

/// <summary>
/// The product's metrics: one <see cref="Meter"/> and every instrument and tag name, in one place (dashboards and
/// alerts depend on them; the spans are in <see cref="VodActivities"/>). Static, as .NET's own instrumentation is: an
/// instrument costs next to nothing until a listener (the web host's OpenTelemetry, when an exporter is on) subscribes.
/// </summary>
public static class VodMetrics
{
    public const string MeterName = "VodManager";

    public const string KindTag = "kind";
    public const string OutcomeTag = "outcome";
    public const string ExitCodeTag = "exit_code";
    public const string ProviderTag = "provider";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>How long a job ran, by <see cref="KindTag"/> and <see cref="OutcomeTag"/> (succeeded, failed, cancelled).</summary>
    public static readonly Histogram<double> JobDuration = Meter.CreateHistogram<double>("vodmanager.job.duration", "s", "How long a job ran, by kind and outcome.");

    /// <summary>How long a job waited from being queued to starting, by <see cref="KindTag"/> (not for a recovered run).</summary>
    public static readonly Histogram<double> JobQueueWait = Meter.CreateHistogram<double>("vodmanager.job.queue_wait", "s", "How long a job waited between being queued and starting, by kind.");

    /// <summary>How long an ffmpeg run took, by <see cref="ExitCodeTag"/> (none when it was cancelled).</summary>
    public static readonly Histogram<double> FfmpegDuration = Meter.CreateHistogram<double>("vodmanager.ffmpeg.duration", "s", "How long an ffmpeg run took, by exit code.");

    /// <summary>Bytes read from VOD storage, by <see cref="ProviderTag"/>.</summary>
    public static readonly Counter<long> StorageBytesRead = Meter.CreateCounter<long>("vodmanager.storage.read", "By", "Bytes read from VOD storage, by provider.");

    /// <summary>Quota reservations, by <see cref="OutcomeTag"/> (reserved, already_stored, refused).</summary>
    public static readonly Counter<long> QuotaReservations = Meter.CreateCounter<long>("vodmanager.quota.reservations", "{reservation}", "Quota reservations, by outcome.");

    /// <summary>Bytes charged to account quotas by new reservations (the estimate; a commit settles the difference).</summary>
    public static readonly Counter<long> QuotaReservedBytes = Meter.CreateCounter<long>("vodmanager.quota.reserved", "By", "Bytes reserved against account quotas.");
}
