namespace VodManager.Core.Media;

/// <summary>A stretch of generated audio that is much louder than the rest (for demo and test media).</summary>
public sealed record LoudMoment(double StartSeconds, double DurationSeconds);
