using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using VodManager.Core.Streams;

namespace VodManager.Core.Ingest;

/// <summary>
/// Events as JSON lines: <c>{"type":"channel.raid","offset_seconds":148,"event":{"viewers":250}}</c>. Types are the
/// EventSub names or the short aliases (raid, gift_subs, hype_train, cheer, sub, redemption); the magnitude comes from
/// the EventSub field of each type, read from "event" or from the line itself. Other <c>channel.*</c> types (follows,
/// polls) are skipped; anything else is refused with its line. A line may also be an EventSub WebSocket message as
/// Twitch sends it (<c>{"metadata":{"message_type":"notification","message_timestamp":…,"subscription_type":…},
/// "payload":{"event":…}}</c>), as a bot that logs them writes: its time counts from the stream's start (see
/// <see cref="StreamClock"/>), and welcome, keepalive and other session messages are skipped, as are notifications of
/// subscriptions detection does not use (stream.online, user.update…).
/// </summary>
public sealed class EventLogParser(IOptions<IngestOptions> options)
{
    private const double MaxOffsetSeconds = 30 * 24 * 3600;
    private const int QuoteMaxLength = 120;

    /// <param name="maxOffsetSeconds">The stream's known end (source video duration) plus tolerance, or null when unknown.</param>
    /// <param name="clockStart">The stream's start (UTC), which EventSub messages' times count from; null: the first message.</param>
    public IAsyncEnumerable<EventRecord> ReadAsync(IngestInput input, double? maxOffsetSeconds, DateTime? clockStart, CancellationToken cancellationToken) =>
        ReadAsync(input, maxOffsetSeconds, clockStart, metadata: null, cancellationToken);

    /// <param name="metadata">Gathers what EventSub messages say about their broadcast on the same pass.</param>
    internal async IAsyncEnumerable<EventRecord> ReadAsync(
        IngestInput input, double? maxOffsetSeconds, DateTime? clockStart, EventsMetadataScan? metadata, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var clock = new StreamClock(clockStart);
        var read = 0;
        var lines = new LineReader(input.Content, input.Name, options.Value.MaxLineBytes);
        var documentOptions = new JsonDocumentOptions { MaxDepth = options.Value.MaxJsonDepth };
        var any = false;
        while (await lines.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            any = true;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line, documentOptions);
            }
            catch (JsonException e)
            {
                throw Error(input, lines, $"not a JSON object ({Describe(e)}); expected one event per line");
            }

            using (document)
            {
                if (Read(document.RootElement, input, lines, maxOffsetSeconds, clock, metadata) is { } record)
                {
                    read++;
                    yield return record;
                }
            }
        }

        if (!any)
        {
            throw new IngestException(input.Name, "no events found (the file holds only blank lines)");
        }

        if (read == 0 && clock.Before > 0)
        {
            throw new IngestException(input.Name, clock.AllBefore("events"));
        }
    }

    private static EventRecord? Read(JsonElement root, IngestInput input, LineReader lines, double? maxOffset, StreamClock clock, EventsMetadataScan? metadata)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Error(input, lines, "expected a JSON object with \"type\" and \"offset_seconds\"");
        }

        var message = root.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("payload", out var p) && p.ValueKind == JsonValueKind.Object ? (Metadata: m, Payload: p) : default;
        var isMessage = message.Metadata.ValueKind == JsonValueKind.Object;
        if (isMessage && Text(message.Metadata, "message_type") != "notification")
        {
            return null;
        }

        var stamp = isMessage ? Text(message.Metadata, "message_timestamp") : null;
        var sent = Utc(stamp);
        var typeName = isMessage
            ? Text(message.Metadata, "subscription_type")
              ?? (message.Payload.TryGetProperty("subscription", out var subscription) && subscription.ValueKind == JsonValueKind.Object ? Text(subscription, "type") : null)
            : root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : null;
        if (typeName is null)
        {
            throw Error(input, lines, "the event has no \"type\"");
        }

        if (metadata is not null && sent is { } notifiedAt)
        {
            var notified = message.Payload.TryGetProperty("event", out var n) && n.ValueKind == JsonValueKind.Object ? n : default;
            var online = typeName == "stream.online" && notified.ValueKind == JsonValueKind.Object ? Utc(Text(notified, "started_at")) : null;
            var channel = notified.ValueKind == JsonValueKind.Object ? Text(notified, "broadcaster_user_name") ?? Text(notified, "to_broadcaster_user_name") : null;
            metadata.Notification(notifiedAt, online, channel);
        }

        var type = TypeOf(typeName);
        if (type is null)
        {
            // Twitch's own messages carry every subscription a bot made (stream.online, user.update…): only ours count.
            return isMessage || (typeName.StartsWith("channel.", StringComparison.Ordinal) && typeName.Length < 100)
                ? null
                : throw Error(input, lines, $"unknown event type \"{Strings.Shorten(typeName, QuoteMaxLength)}\"; use an EventSub type or one of raid, gift_subs, hype_train, cheer, sub, redemption");
        }

        double offset;
        string when;
        if (isMessage)
        {
            if (sent is not { } at)
            {
                throw Error(input, lines, $"the EventSub notification's metadata.message_timestamp \"{Strings.Shorten(stamp ?? "", QuoteMaxLength)}\" is not a UTC time");
            }

            if (clock.SecondsSince(at) is not { } seconds)
            {
                return null;
            }

            offset = seconds;
            when = $"the notification of {stamp}, {Format(offset)} s after the stream's start,";
            root = message.Payload;
        }
        else
        {
            offset = Number(root, "offset_seconds") ?? throw Error(input, lines, "the event has no numeric \"offset_seconds\"");
            when = $"offset_seconds {Format(offset)}";
        }

        if (offset < 0)
        {
            throw Error(input, lines, $"offset_seconds {Format(offset)} is negative");
        }

        if (offset > (maxOffset ?? MaxOffsetSeconds))
        {
            throw Error(input, lines, maxOffset is { } end
                ? $"{when} is past the end of the stream ({Format(end)} s)"
                : $"{when} is implausibly large");
        }

        var body = root.TryGetProperty("event", out var e) && e.ValueKind == JsonValueKind.Object ? e : root;
        var (magnitude, detail) = Magnitude(type.Value, body, root);
        if (magnitude is < 0 or > 1e9)
        {
            throw Error(input, lines, $"the {typeName} magnitude {Format(magnitude)} is out of range");
        }

        return new EventRecord(type.Value, offset, magnitude, detail is null ? null : Strings.Shorten(detail, QuoteMaxLength));
    }

    private static StreamEventType? TypeOf(string type) => type switch
    {
        "raid" or "channel.raid" => StreamEventType.Raid,
        "gift_subs" or "channel.subscription.gift" => StreamEventType.GiftSubs,
        "hype_train" or "channel.hype_train.begin" or "channel.hype_train.progress" or "channel.hype_train.end" => StreamEventType.HypeTrain,
        "cheer" or "channel.cheer" => StreamEventType.Cheer,
        "sub" or "channel.subscribe" or "channel.subscription.message" => StreamEventType.Sub,
        "redemption" or "channel.channel_points_custom_reward_redemption.add" => StreamEventType.Redemption,
        _ => null,
    };

    /// <summary>The size of an event in its type's own unit, and a short description for the editor.</summary>
    private static (double Magnitude, string? Detail) Magnitude(StreamEventType type, JsonElement body, JsonElement root)
    {
        var generic = Number(body, "magnitude") ?? Number(root, "magnitude") ?? Number(body, "count") ?? Number(body, "amount");
        var who = Text(body, "from_broadcaster_user_name") ?? Text(body, "user_name") ?? Text(body, "user_login");
        switch (type)
        {
            case StreamEventType.Raid:
                var viewers = Number(body, "viewers") ?? generic ?? 1;
                return (viewers, $"raid{By(who, "from")} with {Format(viewers)} viewers");
            case StreamEventType.GiftSubs:
                var total = Number(body, "total") ?? generic ?? 1;
                return (total, $"{Format(total)} gift subs{By(who, "from")}{TierText(body)}");
            case StreamEventType.HypeTrain:
                var level = Number(body, "level") ?? generic ?? 1;
                return (level, $"hype train level {Format(level)}");
            case StreamEventType.Cheer:
                var bits = Number(body, "bits") ?? generic ?? 1;
                return (bits, $"cheer of {Format(bits)} bits{By(who, "from")}");
            case StreamEventType.Sub:
                var tier = Tier(body) ?? generic ?? 1;
                return (tier, $"sub{By(who, "from")}{TierText(body)}");
            default:
                var reward = body.TryGetProperty("reward", out var r)
                    ? r.ValueKind == JsonValueKind.Object ? Text(r, "title") : r.ValueKind == JsonValueKind.String ? r.GetString() : null
                    : null;
                return (1, $"redemption{(reward is null ? "" : $" \"{reward}\"")}{By(who, "by")}");
        }
    }

    private static double? Tier(JsonElement body) =>
        Text(body, "tier") is { } tier && double.TryParse(tier, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value >= 1000 ? value / 1000 : value
            : Number(body, "tier") is { } n ? (n >= 1000 ? n / 1000 : n) : null;

    private static string TierText(JsonElement body) => Tier(body) is { } tier && tier > 1 ? $" (tier {Format(tier)})" : "";

    private static string By(string? who, string preposition) => who is null ? "" : $" {preposition} {Strings.Shorten(who, QuoteMaxLength)}";

    /// <summary>A number, also when written as a string (exports disagree).</summary>
    private static double? Number(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDouble(out var n) && double.IsFinite(n) => n,
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && double.IsFinite(s) => s,
            _ => null,
        };
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>An RFC 3339 time as Twitch writes it, with up to nine digits of fraction (.NET reads seven).</summary>
    private static DateTime? Utc(string? stamp)
    {
        if (stamp is null)
        {
            return null;
        }

        var dot = stamp.IndexOf('.');
        if (dot > 0)
        {
            var digits = dot + 1;
            while (digits < stamp.Length && char.IsAsciiDigit(stamp[digits]))
            {
                digits++;
            }

            stamp = stamp[..Math.Min(digits, dot + 8)] + stamp[digits..];
        }

        return DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.UtcDateTime : null;
    }

    private static string Describe(JsonException e)
    {
        var cut = e.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? e.Message[..cut] : e.Message).TrimEnd('.', ' ');
    }

    private static IngestException Error(IngestInput input, LineReader lines, string problem) =>
        new(input.Name, problem, line: lines.LineNumber, byteOffset: lines.LineOffset);
}
