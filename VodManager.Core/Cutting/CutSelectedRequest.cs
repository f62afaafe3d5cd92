using VodManager.Core.Jobs;

namespace VodManager.Core.Cutting;

/// <summary>Cut the highlights an editor selected, as one batch (the source opened once: one pin, one range session).</summary>
public sealed record CutSelectedRequest : JobRequest
{
    public const string JobKind = "cut-selected";

    public required IReadOnlyList<int> HighlightIds { get; init; }

    public CutMode? Mode { get; init; }

    public override string Kind => JobKind;

    public override string Describe() => $"Cut {HighlightIds.Count} selected highlights{CutClipRequest.ModeText(Mode)}";
}
