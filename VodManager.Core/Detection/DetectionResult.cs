namespace VodManager.Core.Detection;

/// <summary>What a detection run changed.</summary>
/// <param name="Detected">New highlights stored.</param>
/// <param name="Kept">Highlights kept from before (they have a clip, a cut in flight, an editor's trim, or were dismissed).</param>
/// <param name="Replaced">Earlier detected highlights the run replaced.</param>
public sealed record DetectionResult(int StreamId, int Detected, int Kept, int Replaced);
