using System.Globalization;
using VodManager.Core.Streams;

namespace VodManager.Web.Components.Streams;

/// <summary>The stream details an editor confirms or changes; the start is edited in the editor's zone in a datetime-local field.</summary>
public sealed class StreamForm(EditorTimeZone zone)
{
    private const string LocalFormat = "yyyy-MM-ddTHH:mm";

    /// <summary>The start to the second and below that the field was filled with; the field itself shows minutes.</summary>
    private DateTime? _exact;

    /// <summary>The field holds the moment the form opened because nothing said when the broadcast began.</summary>
    private bool _assumed;

    public string Title { get; set; } = "";

    public string Channel { get; set; } = "";

    /// <summary>"2026-11-30T18:00" in the editor's zone; what a datetime-local input reads and writes.</summary>
    public string Started { get; set; } = "";

    public double? DurationSeconds { get; set; }

    /// <summary>The zone the start field is in, for its label.</summary>
    public string StartedZone => zone.Name;

    public static StreamForm From(StreamMetadata metadata, DateTime now, EditorTimeZone zone) =>
        new StreamForm(zone) { Title = metadata.Title ?? "", Channel = metadata.Channel ?? "", DurationSeconds = metadata.DurationSeconds }
            .Starting(metadata.StartedAt ?? now, assumed: metadata.StartedAt is null);

    public static StreamForm From(StreamSummary stream, EditorTimeZone zone) =>
        new StreamForm(zone) { Title = stream.Title, Channel = stream.Channel, DurationSeconds = stream.DurationSeconds }.Starting(stream.StartedAt, stream.StartAssumed);

    /// <summary>Beneath the start field: that no one gave it yet, or what its minutes leave out.</summary>
    public string? StartedHelp =>
        _assumed && _exact is { } exact && Started == Show(exact)
            ? "not known yet: the first chat or events file that says when the broadcast began sets it"
            : StartedExactly;

    /// <summary>What the field's minutes leave out while it still shows the start it was filled with ("at 00:20:35.557"), else null.</summary>
    private string? StartedExactly =>
        _exact is { } exact && Started == Show(exact) && exact.TimeOfDay.Ticks % TimeSpan.TicksPerMinute != 0
            ? zone.ToLocal(exact).ToString("'kept to the second: 'HH:mm:ss.fff", CultureInfo.InvariantCulture)
            : null;

    /// <summary>Fills the start field with <paramref name="utc"/>, which is kept exact while the field still shows it.</summary>
    public StreamForm StartingAt(DateTime utc) => Starting(utc, assumed: false);

    private StreamForm Starting(DateTime utc, bool assumed)
    {
        (_exact, Started, _assumed) = (utc, Show(utc), assumed);
        return this;
    }

    /// <summary>
    /// The details as typed; a start that is not a date is refused like any other bad field. A start left as it was
    /// filled keeps its seconds: the times of a UTC-stamped chat, a live capture or EventSub messages count from it,
    /// so cutting it to the minute the field shows would put them up to a minute late against the video. Left at the
    /// moment the form opened, it is no one's word: the first file that says when the broadcast began sets it.
    /// </summary>
    public StreamDetails ToDetails()
    {
        if (_exact is { } exact && Started == Show(exact))
        {
            return new StreamDetails(Title, Channel, exact, DurationSeconds, _assumed).Checked();
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
