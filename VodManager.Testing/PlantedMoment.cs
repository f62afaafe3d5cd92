namespace VodManager.Testing;

/// <summary>Something a synthetic stream put at a known time: a real moment to find, or a decoy to ignore.</summary>
/// <param name="AtSeconds">When it happens (chat reacts a few seconds later).</param>
/// <param name="DurationSeconds">How long it lasts.</param>
public sealed record PlantedMoment(PlantedKind Kind, double AtSeconds, double DurationSeconds)
{
    public bool IsDecoy => Kind is PlantedKind.SpamDecoy or PlantedKind.RedemptionDecoy or PlantedKind.GradualRiseDecoy;
}
