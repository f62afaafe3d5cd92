using VodManager.Core.Jobs;

namespace VodManager.Core.Cutting;

/// <summary>Cut every highlight of a stream that has no clip yet and is not dismissed ("Cut all clips", CLI `cut-all`).</summary>
public sealed record CutAllRequest : JobRequest
{
    public const string JobKind = "cut-all";

    public CutMode? Mode { get; init; }

    public override string Kind => JobKind;

    public override string Describe() => $"Cut all clips{CutClipRequest.ModeText(Mode)}";
}
