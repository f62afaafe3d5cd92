using VodManager.Core.Jobs;

namespace VodManager.Core.Media;

/// <summary>Compute a stored source's keyframe index and loudness curve once, right after import.</summary>
public sealed record IndexMediaRequest : JobRequest
{
    public const string JobKind = "index-media";

    public required int VodId { get; init; }

    /// <summary>The video's title when it was queued: its id means nothing on the page. Null in requests stored before it was kept.</summary>
    public string? VideoTitle { get; init; }

    public override string Kind => JobKind;

    public override string Describe() => $"Index keyframes and loudness of {(VideoTitle is null ? $"VOD {VodId}" : $"'{VideoTitle}'")}";
}
