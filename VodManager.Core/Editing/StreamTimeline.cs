using VodManager.Core.Media;
using VodManager.Core.Streams;

namespace VodManager.Core.Editing;

/// <summary>Everything the replay minimap draws for one stream, apart from its highlights.</summary>
/// <param name="DurationSeconds">The stream's length: the source's duration when stored, else the best known.</param>
/// <param name="BucketSeconds">How many seconds each bucket of <paramref name="ChatCounts"/> and <paramref name="Signals"/> covers.</param>
/// <param name="ChatCounts">Chat messages per bucket, from the stream's start (the heat strip).</param>
/// <param name="Signals">What detection saw per bucket, each signal 0..1 (the strongest second of the bucket).</param>
/// <param name="Media">The source's cached keyframes and loudness; null until it has been indexed.</param>
/// <param name="ChatAfterSource">Chat lines after the source video ends (<see cref="Ingest.ChatPastVideo"/>): not in <paramref name="ChatCounts"/>, nor in detection or clips.</param>
public sealed record StreamTimeline(
    double DurationSeconds,
    double BucketSeconds,
    IReadOnlyList<double> ChatCounts,
    TimelineSignals Signals,
    IReadOnlyList<TimelineEvent> Events,
    TimelineSource? Source,
    MediaIndex? Media,
    long ChatAfterSource = 0);

/// <summary>A raid, cheer, gift or other channel event as the minimap marks it.</summary>
public sealed record TimelineEvent(StreamEventType Type, double OffsetSeconds, double Magnitude, string? Detail);

/// <summary>The stream's stored source as the page plays and describes it.</summary>
/// <param name="BrowserCopy">Its browser copy, when one was made (<see cref="Export.BrowserCopyService"/>): the player plays that instead.</param>
/// <param name="MutedStretches">Where the platform muted its sound, as stored (<see cref="MutedSound"/>).</param>
/// <param name="StoredReconnects">Where its broadcast reconnected, as stored (<see cref="Media.Reconnects"/>).</param>
public sealed record TimelineSource(
    int Id, string StorageKey, double? DurationSeconds, long SizeBytes, int? Width, int? Height, string? VideoCodec, TimelineBrowserCopy? BrowserCopy = null,
    string? MutedStretches = null, string? StoredReconnects = null)
{
    public MutedSound Muted { get; } = MutedSound.Parse(MutedStretches);

    public Reconnects Reconnects { get; } = Reconnects.Parse(StoredReconnects);
}

/// <summary>A source's browser copy: where it is stored and its picture's height.</summary>
public sealed record TimelineBrowserCopy(string StorageKey, int? Height);
