using System.Globalization;
using VodManager.Core.Streams;

namespace VodManager.Web.Components.Streams;

/// <summary>The stream details an editor confirms or changes; the start is edited as UTC in a datetime-local field.</summary>
public sealed class StreamForm
{
    private const string LocalFormat = "yyyy-MM-ddTHH:mm";

    /// <summary>The start to the second and below that the field was filled with; the field itself shows minutes.</summary>
    private DateTime? _exact;

    public string Title { get; set; } = "";

    public string Channel { get; set; } = "";

    /// <summary>"2026-11-30T18:00", UTC; what a datetime-local input reads and writes.</summary>
    public string Started { get; set; } = "";

    public double? DurationSeconds { get; set; }

    public static StreamForm From(StreamMetadata metadata, DateTime now) =>
        new StreamForm { Title = metadata.Title ?? "", Channel = metadata.Channel ?? "", DurationSeconds = metadata.DurationSeconds }.StartingAt(metadata.StartedAt ?? now);

    public static StreamForm From(StreamSummary stream) =>
        new StreamForm { Title = stream.Title, Channel = stream.Channel, DurationSeconds = stream.DurationSeconds }.StartingAt(stream.StartedAt);

    /// <summary>What the field's minutes leave out while it still shows the start it was filled with ("at 00:20:35.557"), else null.</summary>
    public string? StartedExactly =>
        _exact is { } exact && Started == Show(exact) && exact.TimeOfDay.Ticks % TimeSpan.TicksPerMinute != 0
            ? exact.ToString("'kept to the second: 'HH:mm:ss.fff", CultureInfo.InvariantCulture)
            : null;

    /// <summary>Fills the start field with <paramref name="utc"/>, which is kept exact while the field still shows it.</summary>
    public StreamForm StartingAt(DateTime utc)
    {
        (_exact, Started) = (utc, Show(utc));
        return this;
    }

    /// <summary>
    /// The details as typed; a start that is not a date is refused like any other bad field. A start left as it was
    /// filled keeps its seconds: the times of a UTC-stamped chat, a live capture or EventSub messages count from it,
    /// so cutting it to the minute the field shows would put them up to a minute late against the video.
    /// </summary>
    public StreamDetails ToDetails() =>
        DateTime.TryParse(Started, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var started)
            ? new StreamDetails(Title, Channel, _exact is { } exact && Started == Show(exact) ? exact : started, DurationSeconds).Checked()
            : throw new StreamException("Give the start as a date and time (UTC).");

    private static string Show(DateTime utc) => utc.ToString(LocalFormat, CultureInfo.InvariantCulture);
}
