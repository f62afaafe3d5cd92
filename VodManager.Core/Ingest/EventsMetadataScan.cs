using VodManager.Core.Streams;

namespace VodManager.Core.Ingest;

/// <summary>
/// What a log of EventSub messages says about its broadcast, gathered by <see cref="EventLogParser"/> on its one pass,
/// for a new stream without a chat to say it: the start from the stream.online notification (Twitch's own start of the
/// broadcast), else from the first notification, and the channel the events went to.
/// </summary>
internal sealed class EventsMetadataScan
{
    private DateTime? _online;
    private DateTime? _first;
    private string? _channel;

    /// <param name="at">The notification's time.</param>
    /// <param name="onlineAt">stream.online's <c>started_at</c>, for that notification.</param>
    /// <param name="channel">The broadcaster the notification was for, when it names one.</param>
    public void Notification(DateTime at, DateTime? onlineAt, string? channel)
    {
        _first ??= at;
        _online ??= onlineAt;
        _channel ??= channel;
    }

    public StreamMetadata Result() => new(null, _channel, _online ?? _first, null);
}
