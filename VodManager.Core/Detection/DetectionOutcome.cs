namespace VodManager.Core.Detection;

/// <summary>What one detection run produced: the ranked highlights and the curves they came from.</summary>
public sealed record DetectionOutcome(IReadOnlyList<DetectedHighlight> Highlights, SignalCurves Curves);
