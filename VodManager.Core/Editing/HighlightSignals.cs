namespace VodManager.Core.Editing;

/// <summary>How much each signal contributed to a highlight's score (each 0..1 before weighting).</summary>
public readonly record struct HighlightSignals(double Chat, double Events, double Transcript, double Audio);
