using VodManager.Core.Data.Entities;

namespace VodManager.Core.Refinement;

/// <summary>The highlight being refined, as detection left it.</summary>
public sealed record RefinementSubject(int AccountId, int HighlightId, int Rank, double DetectedStart, double DetectedEnd, double Score, SignalBreakdown Signals, string? Explanation);
