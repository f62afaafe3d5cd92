namespace VodManager.Core.Media;

/// <summary>One shot of generated test media (<see cref="FfmpegArguments.Segmented"/>): its length and its tone's amplitude (0..1), or null for silence.</summary>
public sealed record MediaSegment(double DurationSeconds, double? ToneAmplitude);
