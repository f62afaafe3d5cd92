namespace VodManager.Core.Ingest;

/// <summary>What chat-downloader's <c>message_type</c> says a YouTube replay's item is, where it is an event.</summary>
public enum YouTubeItem
{
    None,

    /// <summary><c>paid_message</c>: a Super Chat, a paid message shown apart.</summary>
    SuperChat,

    /// <summary><c>paid_sticker</c>: a Super Sticker.</summary>
    SuperSticker,

    /// <summary><c>membership_item</c>: a new member, or a member's milestone message.</summary>
    Membership,

    /// <summary><c>sponsorships_gift_purchase_announcement</c>: someone gifted memberships ("Gifted 5 … memberships").</summary>
    GiftPurchase,
}

/// <summary>A YouTube item of a chat-downloader replay that is an event, with its <c>money</c> when it was paid.</summary>
/// <param name="FirstNumber">The first whole number in the item's text (a gift purchase's count), if any.</param>
public record struct YouTubePaid(YouTubeItem Item, double? Amount, string? Currency, string? Text, int? FirstNumber = null);
