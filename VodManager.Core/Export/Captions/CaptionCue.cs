namespace VodManager.Core.Export.Captions;

/// <summary>What one caption track shows from <see cref="Start"/> to <see cref="End"/> (seconds from the clip's start).</summary>
public sealed record CaptionCue(double Start, double End, IReadOnlyList<CaptionLine> Lines);
