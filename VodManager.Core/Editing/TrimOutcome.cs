namespace VodManager.Core.Editing;

/// <summary>What a trim save stored.</summary>
/// <param name="Clamped">True when the asked bounds went past the stream and were pulled back inside it.</param>
public sealed record TrimOutcome(double Start, double End, bool Clamped);
