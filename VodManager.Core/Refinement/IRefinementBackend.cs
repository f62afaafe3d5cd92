namespace VodManager.Core.Refinement;

/// <summary>
/// One way to refine a highlight: given its current bounds and the context around it, propose tighter bounds, whether
/// it is worth a clip, how sure it is, and why. One call is one iteration; the <see cref="Refiner"/> loops, records and
/// applies. A backend throws <see cref="RefinementBackendException"/> with a reason a person can act on.
/// </summary>
public interface IRefinementBackend
{
    /// <summary>The name accounts choose it by ("mock", "heuristic", "gemini").</summary>
    string Name { get; }

    /// <summary>What an owner reads when choosing it for the account.</summary>
    string Description { get; }

    /// <summary>Why this server cannot run it (a setting it lacks), or null when it can.</summary>
    string? Unavailable { get; }

    /// <summary>It reads the video's sound and picture only: without a video it has nothing to judge or snap to.</summary>
    bool NeedsVideo => false;

    Task<RefinementProposal> ProposeAsync(RefinementInput input, CancellationToken cancellationToken);
}
