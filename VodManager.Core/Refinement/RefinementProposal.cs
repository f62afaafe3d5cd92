namespace VodManager.Core.Refinement;

/// <summary>A backend's answer for one iteration.</summary>
/// <param name="Start">Proposed start, seconds from the stream's start.</param>
/// <param name="End">Proposed end.</param>
/// <param name="IsClipable">False when the moment is not worth a clip; the cutter then refuses it unless an editor overrides.</param>
/// <param name="Confidence">0..1.</param>
/// <param name="Reason">A short reason a person reads in the editor.</param>
/// <param name="RawResponse">What the backend really returned (the model's JSON, the heuristic's edges), kept in history.</param>
public sealed record RefinementProposal(double Start, double End, bool IsClipable, double Confidence, string Reason, string? RawResponse = null);
