using System.Text.Json;
using System.Text.Json.Nodes;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Streams;

/// <summary>The real chat logs, and what they say about their broadcast worked out here on our own (JsonDocument), to check the streaming reader against.</summary>
public static class RealChat
{
    public static string Small => Path.Combine(RepoPaths.SharedData, "real", "liihs_vod963184458_v5.json");

    /// <summary>The larger log as committed: gzipped, which the importer recognises by content.</summary>
    public static string LargeGzipped => Path.Combine(RepoPaths.Root, "VodManager.Tests", "Fixtures", "Real", "liihs_vod955629991_v5.json.gz");

    /// <summary>A real v5 log's lines (offset, display name, text) in its order, read on our own to check what the product stores against.</summary>
    public static List<(double Offset, string Author, string Text)> Lines(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.EnumerateArray()
            .Select(c => (c.GetProperty("content_offset_seconds").GetDouble(), c.GetProperty("commenter").GetProperty("display_name").GetString()!,
                c.GetProperty("message").GetProperty("body").GetString()!))
            .ToList();
    }

    public sealed record Facts(string VodId, string Broadcaster, DateTime StartedAt, double LastOffset, int Comments);

    public static Facts Of(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var comments = document.RootElement.EnumerateArray().ToList();
        var first = comments[0];
        var broadcaster = comments.First(c => c.GetProperty("message").TryGetProperty("user_badges", out var badges)
            && badges.ValueKind == JsonValueKind.Array && badges.EnumerateArray().Any(b => b.GetProperty("_id").GetString() == "broadcaster"));
        return new Facts(
            first.GetProperty("content_id").GetString()!,
            broadcaster.GetProperty("commenter").GetProperty("display_name").GetString()!,
            first.GetProperty("created_at").GetDateTimeOffset().UtcDateTime.AddSeconds(-first.GetProperty("content_offset_seconds").GetDouble()),
            comments.Max(c => c.GetProperty("content_offset_seconds").GetDouble()),
            comments.Count);
    }

    /// <summary>
    /// Writes a real v5 log as chat-downloader (xenova/chat-downloader) saves a Twitch VOD's chat with <c>--output
    /// chat.json</c>: a root array of flat messages, the text in <c>message</c>, the author's id, name and badges in
    /// <c>author</c>, the offset in <c>time_in_seconds</c>, the wall clock in microseconds, each emote once with its
    /// places, non-ASCII escaped as Python writes it.
    /// </summary>
    /// <param name="live">As chat-downloader records a live stream: each message's time, no offset into a video.</param>
    public static void WriteAsChatDownloader(string v5Path, string target, bool live = false)
    {
        var output = new JsonArray();
        foreach (var comment in JsonNode.Parse(File.ReadAllBytes(v5Path))!.AsArray())
        {
            var message = comment!["message"]!;
            var commenter = comment["commenter"]!;
            var offset = comment["content_offset_seconds"]!.GetValue<double>();
            var item = new JsonObject
            {
                ["time_in_seconds"] = offset,
                ["message_id"] = comment["_id"]!.GetValue<string>(),
                ["timestamp"] = (DateTimeOffset.Parse(comment["created_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.UnixEpoch).Ticks / 10,
                ["time_text"] = TimeSpan.FromSeconds((int)offset).ToString(),
                ["message"] = message["body"]!.GetValue<string>(),
                ["author"] = new JsonObject
                {
                    ["id"] = commenter["_id"]!.GetValue<string>(),
                    ["name"] = commenter["name"]!.GetValue<string>(),
                    ["display_name"] = commenter["display_name"]!.GetValue<string>(),
                    ["badges"] = new JsonArray(((message["user_badges"] as JsonArray) ?? [])
                        .Select(b => (JsonNode)new JsonObject { ["name"] = b!["_id"]!.GetValue<string>(), ["version"] = b["version"]?.ToString() }).ToArray()),
                },
                ["message_type"] = "text_message",
            };
            if (message["emoticons"] is JsonArray { Count: > 0 } emoticons)
            {
                item["emotes"] = new JsonArray(emoticons.GroupBy(e => e!["_id"]!.GetValue<string>())
                    .Select(g => (JsonNode)new JsonObject { ["id"] = g.Key, ["locations"] = string.Join(',', g.Select(e => $"{e!["begin"]}-{e["end"]}")) }).ToArray());
            }

            if (live)
            {
                item.Remove("time_in_seconds");
                item.Remove("time_text");
            }

            output.Add(item);
        }

        File.WriteAllText(target, output.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>
    /// Writes a real v5 log as yt-dlp saves a YouTube stream's chat (<c>--write-subs</c>, <c>.live_chat.json</c>): one
    /// action of YouTube's chat feed per line, a replay's timed by <c>videoOffsetTimeMsec</c> in whole milliseconds, each
    /// message with its wall clock (<c>timestampUsec</c>), its author's channel id, name and badges (the broadcaster's
    /// as YouTube's owner badge), its text as runs, and YouTube's own ticker and engagement items between them.
    /// </summary>
    /// <param name="live">As yt-dlp records a live stream: each action wrapped with <c>"isLive":true</c> and offsets from when the download began.</param>
    public static void WriteAsYtDlp(string v5Path, string target, bool live = false)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(v5Path));
        var comments = document.RootElement.EnumerateArray().ToList();
        var lines = new List<string>
        {
            // YouTube's note on top of every replay, and a ticker repeating nothing: neither is anyone's message.
            Action(new JsonObject { ["addChatItemAction"] = new JsonObject { ["item"] = new JsonObject { ["liveChatViewerEngagementMessageRenderer"] = new JsonObject { ["id"] = "note", ["message"] = Runs("Welcome to live chat! Remember to guard your privacy.", []) } } } }, 0, live),
        };
        foreach (var comment in comments)
        {
            var commenter = comment.GetProperty("commenter");
            var message = comment.GetProperty("message");
            var at = comment.GetProperty("created_at").GetDateTimeOffset();
            var owner = message.TryGetProperty("user_badges", out var badges) && badges.ValueKind == JsonValueKind.Array && badges.EnumerateArray().Any(b => b.GetProperty("_id").GetString() == "broadcaster");
            var renderer = new JsonObject
            {
                ["message"] = Runs(message.GetProperty("body").GetString()!, message.TryGetProperty("emoticons", out var emoticons) && emoticons.ValueKind == JsonValueKind.Array ? [.. emoticons.EnumerateArray().Select(e => (e.GetProperty("begin").GetInt32(), e.GetProperty("end").GetInt32()))] : []),
                ["authorName"] = new JsonObject { ["simpleText"] = commenter.GetProperty("display_name").GetString() },
                ["authorPhoto"] = new JsonObject { ["thumbnails"] = new JsonArray(new JsonObject { ["url"] = "https://yt4.ggpht.com/x=s32", ["width"] = 32, ["height"] = 32 }) },
                ["id"] = comment.GetProperty("_id").GetString(),
                ["timestampUsec"] = ((at - DateTimeOffset.UnixEpoch).Ticks / 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["authorExternalChannelId"] = "UC" + commenter.GetProperty("_id").GetString(),
            };
            if (owner)
            {
                renderer["authorBadges"] = new JsonArray(new JsonObject { ["liveChatAuthorBadgeRenderer"] = new JsonObject { ["icon"] = new JsonObject { ["iconType"] = "OWNER" }, ["tooltip"] = "Owner" } });
            }

            var offset = comment.GetProperty("content_offset_seconds").GetDouble();
            lines.Add(Action(new JsonObject { ["addChatItemAction"] = new JsonObject { ["item"] = new JsonObject { ["liveChatTextMessageRenderer"] = renderer }, ["clientId"] = "c" } }, offset, live));
        }

        File.WriteAllLines(target, lines);

        // Twitch's emotes become the channel's own emoji, their shortcut the emote's name so the text reads the same.
        static JsonObject Runs(string text, List<(int Begin, int End)> emotes)
        {
            var runs = new JsonArray();
            var at = 0;
            foreach (var (begin, end) in emotes.Where(e => e.End < text.Length).OrderBy(e => e.Begin))
            {
                if (begin > at)
                {
                    runs.Add(new JsonObject { ["text"] = text[at..begin] });
                }

                var name = text[begin..(end + 1)];
                runs.Add(new JsonObject { ["emoji"] = new JsonObject { ["emojiId"] = "UCx/" + name, ["shortcuts"] = new JsonArray(name), ["isCustomEmoji"] = true } });
                at = end + 1;
            }

            if (at < text.Length || runs.Count == 0)
            {
                runs.Add(new JsonObject { ["text"] = text[at..] });
            }

            return new JsonObject { ["runs"] = runs };
        }

        static string Action(JsonObject action, double offset, bool live)
        {
            var ms = ((long)Math.Round(offset * 1000)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (live)
            {
                // yt-dlp's live wrapper: its offset counts from when the download began, which says nothing of the stream.
                return new JsonObject { ["replayChatItemAction"] = new JsonObject { ["actions"] = new JsonArray(action) }, ["videoOffsetTimeMsec"] = "12345", ["isLive"] = true }.ToJsonString();
            }

            return new JsonObject { ["clickTrackingParams"] = "CAEQl98BIhMI", ["replayChatItemAction"] = new JsonObject { ["actions"] = new JsonArray(action), ["videoOffsetTimeMsec"] = ms } }.ToJsonString();
        }
    }

    /// <summary>
    /// Writes a real v5 log as TwitchDownloader's text export with UTC times writes it:
    /// <c>[2021-03-19 21:56:48 UTC] name: text</c>, or with milliseconds (its "UtcFull").
    /// </summary>
    public static void WriteAsUtcText(string v5Path, string target, bool milliseconds)
    {
        var format = milliseconds ? "yyyy'-'MM'-'dd HH':'mm':'ss.fff 'UTC'" : "yyyy'-'MM'-'dd HH':'mm':'ss 'UTC'";
        using var document = JsonDocument.Parse(File.ReadAllBytes(v5Path));
        File.WriteAllLines(target, document.RootElement.EnumerateArray().Select(c =>
            $"[{c.GetProperty("created_at").GetDateTimeOffset().UtcDateTime.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}] "
            + $"{c.GetProperty("commenter").GetProperty("display_name").GetString()}: {c.GetProperty("message").GetProperty("body").GetString()}"));
    }

    /// <summary>
    /// Writes a real v5 log as Chatterino logs a channel on a computer whose clock is <paramref name="zone"/>
    /// (<paramref name="offset"/> from UTC): its "# Start logging at" line some minutes before the first line, its own
    /// "connected" line, then <c>[HH:mm:ss] login: text</c> in local time (a display name in another script goes before
    /// the login), and its "# Stop logging at" line.
    /// </summary>
    public static void WriteAsChatterino(string v5Path, string target, string zone, TimeSpan offset)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(v5Path));
        var comments = document.RootElement.EnumerateArray().ToList();
        DateTime Local(JsonElement comment) => comment.GetProperty("created_at").GetDateTimeOffset().UtcDateTime + offset;
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var opened = Local(comments[0]).AddMinutes(-7);
        var lines = new List<string> { $"# Start logging at {opened.ToString("yyyy-MM-dd HH:mm:ss", culture)} {zone}", $"[{opened.AddSeconds(1).ToString("HH:mm:ss", culture)}] connected" };
        lines.AddRange(comments.Select(c =>
        {
            var commenter = c.GetProperty("commenter");
            var login = commenter.GetProperty("name").GetString()!;
            var display = commenter.GetProperty("display_name").GetString()!;
            var who = string.Equals(display, login, StringComparison.OrdinalIgnoreCase) ? login : $"{display} {login}";
            return $"[{Local(c).ToString("HH:mm:ss", culture)}] {who}: {c.GetProperty("message").GetProperty("body").GetString()}";
        }));
        lines.Add($"# Stop logging at {Local(comments[^1]).AddMinutes(3).ToString("yyyy-MM-dd HH:mm:ss", culture)}{zone}");
        File.WriteAllLines(target, lines);
    }
}
