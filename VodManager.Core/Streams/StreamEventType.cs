namespace VodManager.Core.Streams;

public enum StreamEventType
{
    Raid = 0,
    GiftSubs = 1,
    HypeTrain = 2,
    Cheer = 3,
    Sub = 4,
    Redemption = 5,
}
