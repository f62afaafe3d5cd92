namespace VodManager.Testing;

public enum PlantedKind
{
    EmoteBurst,
    Raid,
    GiftSubs,
    HypeTrain,
    Cheer,
    TranscriptOnly,
    AudioOnly,

    /// <summary>One account posting the same line 90 times.</summary>
    SpamDecoy,

    /// <summary>A cluster of cheap channel-point redemptions.</summary>
    RedemptionDecoy,

    /// <summary>Chat slowly doubling over ten minutes and easing back.</summary>
    GradualRiseDecoy,
}
