using System.Globalization;
using VodManager.Core.Streams;

namespace VodManager.Web.Components.Streams;

/// <summary>The stream details an editor confirms or changes; the start is edited as UTC in a datetime-local field.</summary>
public sealed class StreamForm
{
    private const string LocalFormat = "yyyy-MM-ddTHH:mm";

    public string Title { get; set; } = "";

    public string Channel { get; set; } = "";

    /// <summary>"2026-11-30T18:00", UTC; what a datetime-local input reads and writes.</summary>
    public string Started { get; set; } = "";

    public double? DurationSeconds { get; set; }

    public static StreamForm From(StreamMetadata metadata, DateTime now) => new()
    {
        Title = metadata.Title ?? "",
        Channel = metadata.Channel ?? "",
        Started = (metadata.StartedAt ?? now).ToString(LocalFormat, CultureInfo.InvariantCulture),
        DurationSeconds = metadata.DurationSeconds,
    };

    public static StreamForm From(StreamSummary stream) => new()
    {
        Title = stream.Title,
        Channel = stream.Channel,
        Started = stream.StartedAt.ToString(LocalFormat, CultureInfo.InvariantCulture),
        DurationSeconds = stream.DurationSeconds,
    };

    /// <summary>The details as typed; a start that is not a date is refused like any other bad field.</summary>
    public StreamDetails ToDetails() =>
        DateTime.TryParse(Started, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var started)
            ? new StreamDetails(Title, Channel, started, DurationSeconds).Checked()
            : throw new StreamException("Give the start as a date and time (UTC).");
}
