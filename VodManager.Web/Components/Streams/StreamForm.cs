using System.Globalization;
using VodManager.Core.Streams;

namespace VodManager.Web.Components.Streams;

/// <summary>The stream details an editor confirms or changes; the start is edited in the editor's zone in a datetime-local field.</summary>
public sealed class StreamForm(EditorTimeZone zone)
{
    private const string LocalFormat = "yyyy-MM-ddTHH:mm";

    /// <summary>The start to the second and below that the field was filled with; the field itself shows minutes.</summary>
    private DateTime? _exact;

    public string Title { get; set; } = "";

    public string Channel { get; set; } = "";

    /// <summary>"2026-11-30T18:00" in the editor's zone; what a datetime-local input reads and writes.</summary>
    public string Started { get; set; } = "";

    public double? DurationSeconds { get; set; }

    /// <summary>The zone the start field is in, for its label.</summary>
    public string StartedZone => zone.Name;

    public static StreamForm From(StreamMetadata metadata, DateTime now, EditorTimeZone zone) =>
        new StreamForm(zone) { Title = metadata.Title ?? "", Channel = metadata.Channel ?? "", DurationSeconds = metadata.DurationSeconds }.StartingAt(metadata.StartedAt ?? now);

    public static StreamForm From(StreamSummary stream, EditorTimeZone zone) =>
        new StreamForm(zone) { Title = stream.Title, Channel = stream.Channel, DurationSeconds = stream.DurationSeconds }.StartingAt(stream.StartedAt);

    /// <summary>What the field's minutes leave out while it still shows the start it was filled with ("at 00:20:35.557"), else null.</summary>
    public string? StartedExactly =>
        _exact is { } exact && Started == Show(exact) && exact.TimeOfDay.Ticks % TimeSpan.TicksPerMinute != 0
            ? zone.ToLocal(exact).ToString("'kept to the second: 'HH:mm:ss.fff", CultureInfo.InvariantCulture)
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
    public StreamDetails ToDetails()
    {
        if (_exact is { } exact && Started == Show(exact))
        {
            return new StreamDetails(Title, Channel, exact, DurationSeconds).Checked();
        }

        if (!DateTime.TryParse(Started, CultureInfo.InvariantCulture, DateTimeStyles.None, out var typed))
        {
            throw new StreamException($"Give the start as a date and time ({zone.Name}).");
        }

        var started = zone.ToUtc(typed)
            ?? throw new StreamException($"{typed.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} does not exist in {zone.Name}: the clocks went forward then. Give a time before or after.");
        return new StreamDetails(Title, Channel, started, DurationSeconds).Checked();
    }

    private string Show(DateTime utc) => zone.ToLocal(utc).ToString(LocalFormat, CultureInfo.InvariantCulture);
}
