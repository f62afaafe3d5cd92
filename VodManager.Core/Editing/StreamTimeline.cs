using VodManager.Core.Data.Entities;
using VodManager.Core.Media;

namespace VodManager.Core.Editing;

/// <summary>Everything the replay minimap draws for one stream, apart from its highlights.</summary>
/// <param name="DurationSeconds">The stream's length: the source's duration when stored, else the best known.</param>
/// <param name="BucketSeconds">How many seconds each bucket of <paramref name="ChatCounts"/> and <paramref name="Signals"/> covers.</param>
/// <param name="ChatCounts">Chat messages per bucket, from the stream's start (the heat strip).</param>
/// <param name="Signals">What detection saw per bucket, each signal 0..1 (the strongest second of the bucket).</param>
/// <param name="Media">The source's cached keyframes and loudness; null until it has been indexed.</param>
public sealed record StreamTimeline(
    double DurationSeconds,
    double BucketSeconds,
    IReadOnlyList<double> ChatCounts,
    TimelineSignals Signals,
    IReadOnlyList<StreamEvent> Events,
    Vod? Source,
    MediaIndex? Media);
