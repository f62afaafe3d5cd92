namespace VodManager.Core.Export.Captions;

/// <summary>What one caption track shows, unchanged, from <see cref="Start"/> to <see cref="End"/> (seconds from the clip's start): the cues active then.</summary>
public sealed record CaptionState(double Start, double End, IReadOnlyList<CaptionCue> Cues);
