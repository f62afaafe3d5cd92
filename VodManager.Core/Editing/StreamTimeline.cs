using VodManager.Core.Data.Entities;
using VodManager.Core.Media;

namespace VodManager.Core.Editing;

/// <summary>Everything the replay minimap draws for one stream, apart from its highlights.</summary>
/// <param name="DurationSeconds">The stream's length: the source's duration when stored, else the best known.</param>
/// <param name="BucketSeconds">How many seconds each entry of <paramref name="ChatCounts"/> covers.</param>
/// <param name="ChatCounts">Chat messages per bucket, from the stream's start.</param>
/// <param name="Media">The source's cached keyframes and loudness; null until it has been indexed.</param>
public sealed record StreamTimeline(
    double DurationSeconds,
    double BucketSeconds,
    IReadOnlyList<int> ChatCounts,
    IReadOnlyList<StreamEvent> Events,
    Vod? Source,
    MediaIndex? Media);
