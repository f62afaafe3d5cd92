namespace VodManager.Core.Detection;

/// <summary>What a detection run changed.</summary>
/// <param name="Detected">New highlights stored.</param>
/// <param name="FoundAgain">Earlier detected highlights the run found again at the same bounds (kept with their refinement).</param>
/// <param name="Kept">Highlights kept from before (they have a clip, a cut in flight, an editor's trim, or were dismissed).</param>
/// <param name="Replaced">Earlier detected highlights the run did not find again, removed.</param>
public sealed record DetectionResult(int StreamId, int Detected, int FoundAgain, int Kept, int Replaced)
{
    public string Summary => $"{Detected} new, {FoundAgain} found again, {Kept} kept";
}
