using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using VodManager.Core.Streams;

namespace VodManager.Core.Ingest;

/// <summary>
/// Reads what a Twitch system notice in a chat log means: from its <c>user_notice_params</c> (msg-id sub, resub,
/// subgift, submysterygift, raid) or, for notices the system account posts as plain text, from the text.
/// </summary>
public static partial class ChatNotices
{
    /// <summary>Logins under which Twitch posts notices as chat lines.</summary>
    public static bool IsSystemAccount(ReadOnlySpan<byte> login) =>
        login.SequenceEqual("twitch"u8) || login.SequenceEqual("twitchnotify"u8) || login.SequenceEqual("jtv"u8);

    public static bool IsSystemAccount(string login) =>
        login is "twitch" or "twitchnotify" or "jtv";

    /// <param name="sender">Who the notice is about (the commenter); raids name their source in the params.</param>
    public static ChatNotice? FromParams(NoticeParams p, string sender) => p.MsgId switch
    {
        "sub" or "resub" => new ChatNotice(StreamEventType.Sub, Tier(p.SubPlan), sender, $"{sender} subscribed ({PlanName(p.SubPlan)})"),
        "subgift" or "anonsubgift" => new ChatNotice(StreamEventType.GiftSubs, 1, sender, $"{sender} gifted a sub"),
        "submysterygift" or "anonsubmysterygift" =>
            new ChatNotice(StreamEventType.GiftSubs, Math.Max(1, Number(p.MassGiftCount)), sender, $"{sender} is gifting {Math.Max(1, Number(p.MassGiftCount))} subs", Mystery: true),
        "raid" => new ChatNotice(StreamEventType.Raid, Math.Max(1, Number(p.ViewerCount)), p.RaiderName ?? sender, $"raid from {p.RaiderName ?? sender} with {Math.Max(1, Number(p.ViewerCount))} viewers"),
        _ => null,
    };

    /// <summary>A notice the system account wrote as text ("12 raiders from X have joined!").</summary>
    public static ChatNotice? FromSystemText(string text)
    {
        if (RaidText().Match(text) is { Success: true } raid)
        {
            var viewers = Number(raid.Groups[1].Value);
            return new ChatNotice(StreamEventType.Raid, Math.Max(1, viewers), raid.Groups[2].Value, $"raid from {raid.Groups[2].Value} with {viewers} viewers");
        }

        if (MysteryGiftText().Match(text) is { Success: true } mystery)
        {
            var count = Math.Max(1, Number(mystery.Groups[2].Value));
            return new ChatNotice(StreamEventType.GiftSubs, count, mystery.Groups[1].Value, $"{mystery.Groups[1].Value} is gifting {count} subs", Mystery: true);
        }

        if (GiftText().Match(text) is { Success: true } gift)
        {
            return new ChatNotice(StreamEventType.GiftSubs, 1, gift.Groups[1].Value, $"{gift.Groups[1].Value} gifted a sub");
        }

        if (SubText().Match(text) is { Success: true } sub)
        {
            return new ChatNotice(StreamEventType.Sub, sub.Groups[2].Success ? Math.Max(1, Number(sub.Groups[2].Value)) : 1, sub.Groups[1].Value, $"{sub.Groups[1].Value} subscribed");
        }

        return null;
    }

    public static ChatNotice Cheer(int bits, string sender) => new(StreamEventType.Cheer, bits, sender, $"{sender} cheered {bits} bits");

    /// <summary>
    /// A YouTube Super Chat or Super Sticker is a cheer (its amount in US cents, as a bit is one), a membership a sub.
    /// An amount in a currency not listed weighs as a typical cheer.
    /// </summary>
    public static ChatNotice? FromYouTube(YouTubePaid paid, string sender)
    {
        if (paid.Item == YouTubeItem.Membership)
        {
            return new ChatNotice(StreamEventType.Sub, 1, sender, $"{sender} joined or renewed a membership");
        }

        if (paid.Item == YouTubeItem.GiftPurchase)
        {
            // The count is only in the text YouTube showed, in the viewer's language ("Gifted 5 … memberships",
            // "10 件の … のメンバーシップ ギフトを贈りました"): the first number, where it comes before the channel's name.
            // YouTube sells gifts of at most 50; a number beyond is part of a name, and the gift counts as one.
            var count = paid.FirstNumber is >= 1 and <= MaxGiftedMemberships ? paid.FirstNumber.Value : 1;
            return new ChatNotice(StreamEventType.GiftSubs, count, sender, $"{sender} gifted {count} membership{(count == 1 ? "" : "s")}", Mystery: true, Gift: "membership");
        }

        if (paid.Item == YouTubeItem.None || paid.Amount is not { } amount)
        {
            return null;
        }

        var cents = paid.Currency is { } currency && UsdPerUnit.TryGetValue(currency, out var usd) ? Math.Max(1, Math.Round(amount * usd * 100)) : TypicalCheerBits;
        var what = paid.Item == YouTubeItem.SuperChat ? "a Super Chat" : "a Super Sticker";
        var shown = paid.Text ?? $"{amount.ToString("0.##", CultureInfo.InvariantCulture)} {paid.Currency}".TrimEnd();
        return new ChatNotice(StreamEventType.Cheer, cents, sender, $"{sender} sent {what} of {shown}");
    }

    private const double TypicalCheerBits = 500;

    private const int MaxGiftedMemberships = 50;

    /// <summary>
    /// US dollars per unit of the currencies YouTube takes Super Chats in most (ISO 4217, as chat-downloader names them),
    /// approximate: amounts only weigh an event on a log scale, where a rate off by a fifth moves it by under 5 %.
    /// </summary>
    private static readonly FrozenDictionary<string, double> UsdPerUnit = new Dictionary<string, double>
    {
        ["USD"] = 1, ["EUR"] = 1.1, ["GBP"] = 1.3, ["CAD"] = 0.72, ["AUD"] = 0.65, ["NZD"] = 0.58, ["CHF"] = 1.2,
        ["JPY"] = 0.0067, ["KRW"] = 0.0007, ["TWD"] = 0.031, ["HKD"] = 0.13, ["SGD"] = 0.76, ["INR"] = 0.0115,
        ["PHP"] = 0.017, ["IDR"] = 0.00006, ["THB"] = 0.03, ["MYR"] = 0.23, ["BRL"] = 0.18, ["MXN"] = 0.054,
        ["ARS"] = 0.0008, ["CLP"] = 0.00105, ["COP"] = 0.00025, ["PEN"] = 0.28, ["SEK"] = 0.1, ["NOK"] = 0.095,
        ["DKK"] = 0.15, ["PLN"] = 0.26, ["CZK"] = 0.045, ["HUF"] = 0.0029, ["RUB"] = 0.012, ["TRY"] = 0.025,
        ["ZAR"] = 0.055, ["ILS"] = 0.28, ["SAR"] = 0.27, ["AED"] = 0.27,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static double Tier(string? plan) => plan switch
    {
        "2000" => 2,
        "3000" => 3,
        _ => 1,
    };

    private static string PlanName(string? plan) => plan switch
    {
        "Prime" => "Prime",
        "2000" => "tier 2",
        "3000" => "tier 3",
        _ => "tier 1",
    };

    private static int Number(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 0;

    [GeneratedRegex(@"^(\d+) raiders? from (\S+) ha(?:ve|s) joined", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RaidText();

    [GeneratedRegex(@"^(\S+) is gifting (\d+) Tier \d Subs?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MysteryGiftText();

    [GeneratedRegex(@"^(\S+) gifted an? Tier \d sub to", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GiftText();

    [GeneratedRegex(@"^(\S+) subscribed (?:with Prime|at Tier (\d))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SubText();
}
