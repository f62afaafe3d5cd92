using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace VodManager.Core.Ingest;

/// <summary>
/// yt-dlp's YouTube chat (<c>--write-subs</c> writes <c>&lt;title&gt; [&lt;id&gt;].live_chat.json</c>): one line per
/// action of YouTube's own chat feed. A replay's line is <c>{"replayChatItemAction":{"actions":[…],
/// "videoOffsetTimeMsec":"…"}}</c>, timed from the video's start; a chat recorded live wraps each action the same way
/// with <c>"isLive":true</c>, timed from when the download began, so its messages are placed by their own wall clock
/// (<c>timestampUsec</c>) from the stream's start instead, as chat-downloader's live capture is. Of the items added to
/// chat, a text message is a line, a Super Chat or Super Sticker a cheer (by its shown amount), a membership a sub and
/// a gift purchase gift subs; everything else (tickers, banners, polls, deletions, gift redemptions, YouTube's own
/// notes) is nobody's message and left out. Lines before the video's start are left out.
/// </summary>
/// <param name="clockStart">The stream's start (UTC), which a live recording's times count from; null: its first message.</param>
/// <param name="metadata">Gathers the channel (the owner-badged author) and start (a message's wall clock less its offset).</param>
internal sealed class YouTubeLiveChatParser(LineReader lines, string name, ChatReadMode mode, DateTime? clockStart, ChatMetadataScan? metadata)
{
    private const int BatchSize = 4096;

    private readonly StreamClock _clock = new(clockStart);
    private bool? _live;
    private int _beforeVideo;

    /// <summary>The first line of the file (after any BOM or blank space) starts one of yt-dlp's chat actions.</summary>
    public static bool Recognises(ReadOnlySpan<byte> head)
    {
        var reader = new Utf8JsonReader(head, isFinalBlock: false, state: default);
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject && reader.Read() && reader.TokenType == JsonTokenType.PropertyName
                   && (reader.ValueTextEquals("replayChatItemAction"u8) || reader.ValueTextEquals("clickTrackingParams"u8));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public async IAsyncEnumerable<List<ChatRecord>> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<ChatRecord>(BatchSize);
        var any = false;
        while (await lines.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            foreach (var record in Parse(line))
            {
                batch.Add(record);
                any = true;
            }

            if (batch.Count >= BatchSize)
            {
                yield return batch;
                batch = new List<ChatRecord>(BatchSize);
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }

        if (!any && _clock.Before > 0)
        {
            throw new IngestException(name, _clock.AllBefore("messages"));
        }

        if (!any && _beforeVideo > 0)
        {
            throw new IngestException(name, StreamClock.AllBeforeVideo(_beforeVideo, "message"));
        }

        if (!any)
        {
            throw new IngestException(name, "no chat messages found, only YouTube's own items (tickers, banners, polls, notes)");
        }
    }

    private List<ChatRecord> Parse(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw Error($"invalid JSON ({e.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (!Has(root, "replayChatItemAction", out var replay) || replay.ValueKind != JsonValueKind.Object)
            {
                throw Error("expected one of yt-dlp's YouTube chat actions, {\"replayChatItemAction\":{…}}, on every line");
            }

            var live = Has(root, "isLive", out var isLive) && isLive.ValueKind == JsonValueKind.True;
            if (_live is { } seen && seen != live)
            {
                throw Error("mixes a replay's chat (timed from the video) with chat recorded live; a file is one or the other");
            }

            _live = live;
            var records = new List<ChatRecord>();
            if (!Has(replay, "actions", out var actions) || actions.ValueKind != JsonValueKind.Array)
            {
                return records;
            }

            foreach (var action in actions.EnumerateArray())
            {
                if (action.ValueKind == JsonValueKind.Object && Has(action, "addChatItemAction", out var add) && Has(add, "item", out var item)
                    && item.ValueKind == JsonValueKind.Object && item.EnumerateObject().FirstOrDefault() is { Value.ValueKind: JsonValueKind.Object } renderer
                    && Item(renderer.Name, renderer.Value, replay, root) is { } record)
                {
                    records.Add(record);
                }
            }

            return records;
        }
    }

    /// <summary>An item added to chat as a line, or null for nobody's message or one from before the video.</summary>
    private ChatRecord? Item(string kind, JsonElement item, JsonElement replay, JsonElement root)
    {
        var paid = kind switch
        {
            "liveChatTextMessageRenderer" => YouTubeItem.None,
            "liveChatPaidMessageRenderer" => YouTubeItem.SuperChat,
            "liveChatPaidStickerRenderer" => YouTubeItem.SuperSticker,
            "liveChatMembershipItemRenderer" => YouTubeItem.Membership,
            "liveChatSponsorshipsGiftPurchaseAnnouncementRenderer" => YouTubeItem.GiftPurchase,
            _ => (YouTubeItem?)null,
        };
        if (paid is not { } type)
        {
            return null;
        }

        // A gift purchase keeps its buyer and "Gifted 5 … memberships" in a header of its own.
        var source = type == YouTubeItem.GiftPurchase && Has(item, "header", out var header) && Has(header, "liveChatSponsorshipsHeaderRenderer", out var inner) ? inner : item;
        var wallClock = Has(item, "timestampUsec", out var usec) && long.TryParse(NumberText(usec), NumberStyles.Integer, CultureInfo.InvariantCulture, out var micros)
            ? DateTime.UnixEpoch.AddTicks(micros * 10)
            : (DateTime?)null;
        if (Seconds(replay, root, wallClock) is not { } seconds)
        {
            return null;
        }

        var author = Text(source, "authorName") ?? Text(item, "authorName") ?? "(unknown)";
        var channelId = Has(item, "authorExternalChannelId", out var id) ? String(id) : null;
        var (text, emotes) = Runs(source, type switch
        {
            YouTubeItem.GiftPurchase => "primaryText",
            YouTubeItem.Membership when !Has(item, "message", out _) => "headerSubtext",
            _ => "message",
        });
        var owner = IsOwner(item);
        metadata?.Comment(seconds, _live == true ? _clock.Start!.Value.AddSeconds(seconds) : wallClock, vodId: null, owner ? author : null);
        var notice = type == YouTubeItem.None ? null : ChatNotices.FromYouTube(Paid(type, item, text), author);
        return new ChatRecord(
            seconds,
            AuthorKeys.Of(channelId ?? author.ToLowerInvariant()),
            mode == ChatReadMode.Full ? channelId : null,
            mode == ChatReadMode.Full ? Strings.Truncate(author, 100) : "",
            mode == ChatReadMode.Full ? text : "",
            emotes,
            0,
            notice) { Shape = ChatTextShape.Of(text), FromBot = ChatBots.Is(author.AsSpan()) };
    }

    /// <summary>Seconds into the video, or null for a message from before it.</summary>
    private double? Seconds(JsonElement replay, JsonElement root, DateTime? wallClock)
    {
        double seconds;
        if (_live == true)
        {
            // A live recording's offsets count from when the download began: the message's own time places it.
            if (wallClock is not { } utc)
            {
                return null;
            }

            var since = _clock.SecondsSince(utc);
            if (since > TwitchChatJsonParser.MaxOffsetSeconds)
            {
                throw Error(_clock.TooLate(StreamClock.Show(utc), since.Value));
            }

            seconds = since ?? -1;
        }
        else
        {
            var at = Has(replay, "videoOffsetTimeMsec", out var inReplay) ? inReplay : Has(root, "videoOffsetTimeMsec", out var outside) ? outside : default;
            if (!double.TryParse(NumberText(at), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
            {
                throw Error("a replay's action has no videoOffsetTimeMsec: not yt-dlp's YouTube chat");
            }

            seconds = ms / 1000;
            if (Math.Abs(seconds) > TwitchChatJsonParser.MaxOffsetSeconds)
            {
                throw Error($"videoOffsetTimeMsec {ms.ToString(CultureInfo.InvariantCulture)} is outside the ±{TwitchChatJsonParser.MaxOffsetSeconds:0} s a stream can hold");
            }
        }

        if (seconds < 0)
        {
            _beforeVideo++;
            return null;
        }

        return seconds;
    }

    /// <summary>A Super Chat's or Sticker's shown amount ("$5.00", "CA$10.00", "¥1,000"); a gift purchase's count.</summary>
    private static YouTubePaid Paid(YouTubeItem type, JsonElement item, string text)
    {
        var shown = Text(item, "purchaseAmountText");
        var (amount, currency) = shown is null ? (null, null) : YouTubeMoney.Parse(shown);
        return new YouTubePaid(type, amount, currency, shown, type == YouTubeItem.GiftPurchase ? TwitchChatJsonParser.FirstNumber(text.AsSpan()) : null);
    }

    /// <summary>A message's text from its runs (an emoji as itself, a channel's own emoji by its shortcut) and how many emoji it holds.</summary>
    private static (string Text, int Emotes) Runs(JsonElement item, string property)
    {
        if (!Has(item, property, out var message))
        {
            return ("", 0);
        }

        if (Has(message, "simpleText", out var simple) && simple.ValueKind == JsonValueKind.String)
        {
            return (simple.GetString()!, 0);
        }

        if (!Has(message, "runs", out var runs) || runs.ValueKind != JsonValueKind.Array)
        {
            return ("", 0);
        }

        var text = new StringBuilder();
        var emotes = 0;
        foreach (var run in runs.EnumerateArray())
        {
            if (Has(run, "text", out var part) && part.ValueKind == JsonValueKind.String)
            {
                text.Append(part.GetString());
            }
            else if (Has(run, "emoji", out var emoji) && emoji.ValueKind == JsonValueKind.Object)
            {
                emotes++;
                var custom = Has(emoji, "isCustomEmoji", out var isCustom) && isCustom.ValueKind == JsonValueKind.True;
                var shortcut = Has(emoji, "shortcuts", out var shortcuts) && shortcuts.ValueKind == JsonValueKind.Array && shortcuts.GetArrayLength() > 0 ? String(shortcuts[0]) : null;
                var glyph = Has(emoji, "emojiId", out var emojiId) ? String(emojiId) : null;
                text.Append(custom ? shortcut ?? glyph : glyph ?? shortcut);
            }
        }

        return (text.ToString(), emotes);
    }

    private static bool IsOwner(JsonElement item) =>
        Has(item, "authorBadges", out var badges) && badges.ValueKind == JsonValueKind.Array
        && badges.EnumerateArray().Any(b => Has(b, "liveChatAuthorBadgeRenderer", out var badge) && Has(badge, "icon", out var icon)
                                            && Has(icon, "iconType", out var type) && String(type) == "OWNER");

    /// <summary>A YouTube text object's words: its simpleText, or its runs' texts.</summary>
    private static string? Text(JsonElement item, string property) =>
        Has(item, property, out var value) && value.ValueKind == JsonValueKind.Object ? Runs(item, property).Text is { Length: > 0 } text ? text : null : null;

    /// <summary>A property of an object; false for anything else, where TryGetProperty would throw (the file is YouTube's shapes, not ours).</summary>
    private static bool Has(JsonElement element, string name, out JsonElement value)
    {
        value = default;
        return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out value);
    }

    private static string? String(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A number's text, written as a string (as YouTube does) or as a number; null for anything else or nothing.</summary>
    private static string? NumberText(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetRawText() : String(value);

    private IngestException Error(string problem) => new(name, problem, line: lines.LineNumber, byteOffset: lines.LineOffset);
}
