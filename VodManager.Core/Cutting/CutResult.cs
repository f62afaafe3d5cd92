namespace VodManager.Core.Cutting;

/// <summary>What happened to one highlight of a cut request; failures and skips carry a reason a user can act on.</summary>
public sealed record CutResult(int HighlightId, CutOutcome Outcome, string? Reason = null, int? ClipVodId = null, CutMode? Mode = null)
{
    public static CutResult Skipped(int highlightId, string reason) => new(highlightId, CutOutcome.Skipped, reason);

    public static CutResult Failed(int highlightId, string reason) => new(highlightId, CutOutcome.Failed, reason);

    public static CutResult AlreadyCut(int highlightId, int clipVodId) => new(highlightId, CutOutcome.AlreadyCut, null, clipVodId);

    public bool HasClip => Outcome is CutOutcome.Cut or CutOutcome.AlreadyCut;

    public override string ToString() => Outcome switch
    {
        CutOutcome.Cut => $"highlight {HighlightId}: cut ({Mode?.ToString().ToLowerInvariant()}) as VOD {ClipVodId}",
        CutOutcome.AlreadyCut => $"highlight {HighlightId}: already cut as VOD {ClipVodId}",
        _ => $"highlight {HighlightId}: {Outcome.ToString().ToLowerInvariant()}: {Reason}",
    };
}
