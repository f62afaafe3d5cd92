namespace VodManager.Core.Cutting;

/// <summary>One call of the cutter: one highlight (single cut) or several (cut selected, cut all).</summary>
/// <param name="ClaimToken">Identifies the caller's claim on each highlight; the job id, so a recovered job re-takes its own claims.</param>
/// <param name="RequestedBy">Who asked; recorded with an editor's "Create clip anyway".</param>
/// <param name="CreateAnyway">The editor chose "Create clip anyway" for highlights judged not clipable.</param>
/// <param name="Replacing">Cutting a highlight again: the clip it has, kept until the new one is stored and deleted in that commit.</param>
/// <param name="EveryHighlight">"Cut all": the highlights were not chosen one by one.</param>
public sealed record CutBatch(
    int AccountId,
    IReadOnlyList<int> HighlightIds,
    CutMode? Mode,
    string ClaimToken,
    string RequestedBy,
    bool CreateAnyway = false,
    int? Replacing = null,
    bool EveryHighlight = false);
