using VodManager.Core.Data.Entities;

namespace VodManager.Core.Detection;

/// <summary>One ranked moment: bounds (s), score (Σ weight × signal), each signal's 0..1 value, and why.</summary>
public sealed record DetectedHighlight(int Rank, double Start, double End, double Score, SignalBreakdown Signals, string Explanation);
