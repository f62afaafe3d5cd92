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
