using System.Globalization;
using System.Text;
using System.Text.Json;
using VodManager.Core.Media;

namespace VodManager.Core.Demo;

/// <summary>
/// Writes a small, believable stream: a test-pattern video with loud moments, a TwitchDownloader chat log with a
/// baseline and bursts, EventSub-style events and a WebVTT transcript. Deterministic for a given seed.
/// </summary>
public sealed class DemoStreamGenerator(FfmpegRunner ffmpeg)
{
    public const double DurationSeconds = 240;

    /// <summary>Moments the demo plants, so the demo's highlights have something real to find.</summary>
    public static readonly IReadOnlyList<LoudMoment> LoudMoments = [new(62, 4), new(171, 4)];

    private static readonly string[] Users =
        Enumerable.Range(1, 60).Select(i => $"viewer{i:00}").Concat(["moddy", "lurker_joe", "pixelqueen", "speedy", "noodle"]).ToArray();

    private static readonly string[] Chatter =
        ["hi chat", "what game is this", "nice", "lol", "gg", "that was close", "KEKW", "o7", "love this song", "first time here", "how long is stream", "LUL"];

    public async Task<DemoStreamFiles> GenerateAsync(string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var files = new DemoStreamFiles(
            Path.Combine(folder, "demo.mp4"),
            Path.Combine(folder, "chat.json"),
            Path.Combine(folder, "events.jsonl"),
            Path.Combine(folder, "transcript.vtt"),
            DurationSeconds);

        if (!File.Exists(files.Video))
        {
            var spec = new TestPatternSpec(DurationSeconds, Width: 640, Height: 360, FrameRate: 30, KeyframeIntervalSeconds: 2, LoudMoments: LoudMoments, VideoBitrateKbps: 700);
            var partial = files.Video + ".tmp.mp4";
            await ffmpeg.RunAsync(FfmpegArguments.TestPattern(spec, partial), partial, TimeSpan.FromSeconds(DurationSeconds), null, cancellationToken);
            File.Move(partial, files.Video, overwrite: true);
        }

        await File.WriteAllTextAsync(files.Chat, ChatJson(new Random(7)), Encoding.UTF8, cancellationToken);
        await File.WriteAllTextAsync(files.Events, EventsJsonLines(), Encoding.UTF8, cancellationToken);
        await File.WriteAllTextAsync(files.Transcript, TranscriptVtt(), Encoding.UTF8, cancellationToken);
        return files;
    }

    private static string ChatJson(Random random)
    {
        var lines = new List<(double Offset, string User, string Body, int Emotes)>();

        // Baseline: about one line every 2.5 s from many people.
        for (var t = 1.0; t < DurationSeconds; t += 0.5 + random.NextDouble() * 4)
        {
            lines.Add((t, Users[random.Next(Users.Length)], Chatter[random.Next(Chatter.Length)], 0));
        }

        // Chat reacts a few seconds after each planted moment, from many distinct chatters.
        foreach (var (start, text, emotes) in new[] { (66.0, "PogChamp PogChamp", 2), (98.0, "THANK YOU FOR THE SUBS", 0), (151.0, "RAID HYPE", 0), (174.0, "CLIP IT", 0), (205.0, "HYPE TRAIN", 0) })
        {
            for (var i = 0; i < 45; i++)
            {
                lines.Add((start + random.NextDouble() * 8, Users[random.Next(Users.Length)], text, emotes));
            }
        }

        var comments = lines.OrderBy(l => l.Offset).Select((l, i) => new
        {
            _id = $"demo-{i + 1}",
            content_offset_seconds = Math.Round(l.Offset, 3),
            commenter = new { _id = $"{1000 + Array.IndexOf(Users, l.User)}", name = l.User, display_name = l.User },
            message = new
            {
                body = l.Body,
                bits_spent = 0,
                fragments = new[] { new { text = l.Body } },
                emoticons = Enumerable.Range(0, l.Emotes).Select(e => new { _id = "305954156", begin = e * 9, end = e * 9 + 7 }).ToArray(),
                user_notice_params = new { },
                user_badges = Array.Empty<object>(),
            },
        });
        return JsonSerializer.Serialize(new
        {
            streamer = new { name = "demo_channel", id = 424242 },
            video = new { title = "Demo stream", id = "demo", start = 0, end = (int)DurationSeconds },
            comments,
        });
    }

    private static string EventsJsonLines() => """
        {"type":"channel.cheer","offset_seconds":30,"event":{"user_name":"viewer07","bits":500}}
        {"type":"channel.channel_points_custom_reward_redemption.add","offset_seconds":45,"event":{"user_name":"viewer11","reward":{"title":"Hydrate"}}}
        {"type":"channel.subscription.gift","offset_seconds":95,"event":{"user_name":"pixelqueen","total":10,"tier":"1000"}}
        {"type":"channel.raid","offset_seconds":148,"event":{"from_broadcaster_user_name":"friendly_streamer","viewers":250}}
        {"type":"channel.hype_train.begin","offset_seconds":200,"event":{"level":2}}
        {"type":"channel.hype_train.progress","offset_seconds":210,"event":{"level":3}}
        {"type":"channel.hype_train.end","offset_seconds":225,"event":{"level":4}}

        """;

    private static string TranscriptVtt()
    {
        var cues = new List<(double Start, double End, string Text)>
        {
            (5, 9, "hey everyone welcome back to the stream"),
            (20, 25, "today we are trying the hard route"),
            (31, 35, "thank you for the bits"),
            (60, 62, "okay here it comes"),
            (62, 66, "oh my god no way that actually worked"),
            (96, 101, "thank you so much for the gifted subs"),
            (120, 126, "let me check the map real quick"),
            (149, 154, "welcome raiders thanks for the raid"),
            (170, 176, "clip it clip it somebody clip that"),
            (200, 206, "the hype train is here let's go"),
            (230, 236, "alright that's it for today"),
        };
        var sb = new StringBuilder("WEBVTT\n\n");
        foreach (var (start, end, text) in cues)
        {
            sb.Append(Time(start)).Append(" --> ").Append(Time(end)).Append('\n').Append(text).Append("\n\n");
        }

        return sb.ToString();
    }

    private static string Time(double seconds) => TimeSpan.FromSeconds(seconds).ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);

}
