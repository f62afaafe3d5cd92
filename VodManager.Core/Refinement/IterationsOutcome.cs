namespace VodManager.Core.Refinement;

/// <summary>How a highlight's iterations ended: the last proposal, or the error that stopped them.</summary>
internal sealed record IterationsOutcome(RefinementProposal? Proposal, string? Error, int Iterations);
