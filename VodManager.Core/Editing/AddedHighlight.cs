namespace VodManager.Core.Editing;

/// <summary>A highlight an editor marked by hand, as stored: its number and bounds (pulled inside the stream when <see cref="Clamped"/>).</summary>
public sealed record AddedHighlight(int HighlightId, int Rank, double Start, double End, bool Clamped);
