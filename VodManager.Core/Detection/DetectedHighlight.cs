using VodManager.Core.Data.Entities;

namespace VodManager.Core.Detection;

/// <summary>One ranked moment: bounds (s), score (Σ weight × signal), each signal's 0..1 value, and why.</summary>
/// <param name="Confidence">0..1: how sure detection is that this is a highlight.</param>
/// <param name="Weak">A filler candidate: no signal was confident, it is only the best of what is left.</param>
public sealed record DetectedHighlight(int Rank, double Start, double End, double Score, SignalBreakdown Signals, string Explanation, double Confidence = 1, bool Weak = false);
