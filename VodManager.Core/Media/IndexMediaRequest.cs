using VodManager.Core.Jobs;

namespace VodManager.Core.Media;

/// <summary>Compute a stored source's keyframe index and loudness curve once, right after import.</summary>
public sealed record IndexMediaRequest : JobRequest
{
    public const string JobKind = "index-media";

    public required int VodId { get; init; }

    public override string Kind => JobKind;

    public override string Describe() => $"Index keyframes and loudness of VOD {VodId}";
}
