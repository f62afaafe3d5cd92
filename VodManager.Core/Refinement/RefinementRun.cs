using VodManager.Core.Detection;

namespace VodManager.Core.Refinement;

/// <summary>What one run reads once and every highlight of it shares: the stream's curves, the source's cached loudness, its length, and the source itself.</summary>
internal sealed record RefinementRun(int AccountId, int StreamId, SignalCurves? Curves, float[]? Loudness, double Duration, RefinementSource? Source);
