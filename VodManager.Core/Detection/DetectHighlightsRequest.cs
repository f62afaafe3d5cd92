using VodManager.Core.Jobs;

namespace VodManager.Core.Detection;

/// <summary>Detect (or re-detect) a stream's highlights.</summary>
public sealed record DetectHighlightsRequest : JobRequest
{
    public const string JobKind = "detect";

    public override string Kind => JobKind;

    public override string Describe() => $"Detect highlights of stream {StreamId}";
}
