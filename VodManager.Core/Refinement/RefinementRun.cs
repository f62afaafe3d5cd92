using VodManager.Core.Detection;
using VodManager.Core.Media;

namespace VodManager.Core.Refinement;

/// <summary>What one run reads once and every highlight of it shares: the stream's curves, the source's cached loudness and the stretches whose sound was muted, its length, and the source itself.</summary>
internal sealed record RefinementRun(int AccountId, int StreamId, SignalCurves? Curves, float[]? Loudness, MutedSound Muted, double Duration, RefinementSource? Source);
