using System.Globalization;
using System.Text;
using System.Text.Json;
using VodManager.Core.Media;

namespace VodManager.Demo;

/// <summary>
/// Writes a believable 20-minute stream: a test-pattern video whose sound is speech-like noise with loud moments and a
/// silent "be right back" stretch, a TwitchDownloader chat log of regulars talking with bursts of reactions, EventSub
/// events and a WebVTT transcript. Deterministic. The video is written once per folder and reused: a minute of
/// picture is encoded and repeated by stream copy under the whole-length sound, so a first start stays quick.
/// </summary>
public sealed class DemoStreamGenerator(FfmpegRunner ffmpeg)
{
    public const double DurationSeconds = 1200;

    private const double LoopSeconds = 60;

    /// <summary>What the demo plants, each meant to become a highlight.</summary>
    public static readonly IReadOnlyList<DemoMoment> Moments =
    [
        new(95, "a 1,000-bit cheer"),
        new(200, "a loud play and \"clip it\""),
        new(310, "twenty gifted subs"),
        new(420, "a scream, with chat barely reacting"),
        new(520, "a raid of 250 viewers"),
        new(640, "an emote wall after a loud moment"),
        new(785, "fifty gifted subs while the streamer is away, on the silent be-right-back screen", Silent: true),
        new(900, "a hype train"),
        new(1020, "\"oh my god no way\" over a loud moment"),
        new(1120, "a missed shot chat laughs at"),
    ];

    /// <summary>Where the sound is loud (speech-like noise raised ~15 LU).</summary>
    public static readonly IReadOnlyList<LoudMoment> LoudMoments = [new(200, 4), new(420, 5), new(520, 3), new(640, 3), new(1020, 4)];

    /// <summary>The silent "be right back" screen.</summary>
    public static readonly LoudMoment Silence = new(720, 150);

    private static readonly string[] Users = MakeUsers();

    private static readonly HashSet<string> Emotes = ["PogChamp", "Pog", "POGGERS", "PogU", "KEKW", "LUL", "OMEGALUL", "catJAM", "Kreygasm", "monkaS", "<3", "o7", "friendlyRaid", "Cheer100", "PepeHands", "EZ"];

    private static readonly string[] Chatter =
    [
        "hi chat", "what game is this?", "nice", "lol", "gg", "that was close", "KEKW", "o7", "love this song", "first time here, hi!",
        "how long is stream today?", "LUL", "true", "hello from germany", "is this ranked?", "nice shot", "F", "hahaha", "monkaS",
        "hydrate reminder", "what's the build?", "chat is so quiet today", "go left!!", "that boss is cheap", "POGGERS", "back from work, what did i miss",
        "this map is so pretty", "W streamer", "can you do the hard route next?", "<3", "imagine", "no shot", "clean", "he's cooking",
    ];

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
            await WriteVideoAsync(files.Video, cancellationToken);
        }

        await File.WriteAllTextAsync(files.Chat, ChatJson(new Random(7)), Encoding.UTF8, cancellationToken);
        await File.WriteAllTextAsync(files.Events, EventsJsonLines(), Encoding.UTF8, cancellationToken);
        await File.WriteAllTextAsync(files.Transcript, TranscriptVtt(new Random(11)), Encoding.UTF8, cancellationToken);
        return files;
    }

    private async Task WriteVideoAsync(string video, CancellationToken cancellationToken)
    {
        var picture = video + ".picture.mp4";
        var sound = video + ".sound.m4a";
        var partial = video + ".tmp.mp4";
        try
        {
            var loop = new TestPatternSpec(LoopSeconds, Width: 640, Height: 360, FrameRate: 30, KeyframeIntervalSeconds: 2, VideoBitrateKbps: 300, Audio: false);
            await ffmpeg.RunAsync(FfmpegArguments.TestPattern(loop, picture), picture, TimeSpan.FromSeconds(LoopSeconds), null, cancellationToken);
            await ffmpeg.RunAsync(FfmpegArguments.SpeechLikeSound(DurationSeconds, LoudMoments, [Silence], sound), sound, TimeSpan.FromSeconds(DurationSeconds), null, cancellationToken);
            await ffmpeg.RunAsync(FfmpegArguments.LoopPicture(picture, sound, DurationSeconds, partial), partial, TimeSpan.FromSeconds(DurationSeconds), null, cancellationToken);
            File.Move(partial, video, overwrite: true);
        }
        finally
        {
            foreach (var file in new[] { picture, sound, partial })
            {
                File.Delete(file);
            }
        }
    }

    private static string ChatJson(Random random)
    {
        var lines = new List<(double Offset, string User, string Body)>();

        // Regulars talking: about one line every 1.7 s, a few people much more than others.
        for (var t = 1.0; t < DurationSeconds; t += 0.3 + random.NextDouble() * 2.8)
        {
            lines.Add((t, Regular(random), Chatter[random.Next(Chatter.Length)]));
        }

        // Reactions: many different people, a few seconds after each moment, in their own words.
        React(lines, random, 96, 10, 40, ["Cheer100 let's gooo", "thanks for the bits!!", "W cheer", "PogChamp PogChamp", "big bits PogU"]);
        React(lines, random, 202, 9, 60, ["CLIP IT", "CLIP THAT", "OMEGALUL", "no wayyy", "HOLY", "LMAO what", "CLIP IT CLIP IT"]);
        React(lines, random, 311, 12, 45, ["thanks for the gifted!", "<3 <3", "W gifter", "GIFT HYPE", "PogChamp ty", "gifted gang"]);
        React(lines, random, 421, 5, 8, ["LUL", "my ears", "KEKW"]);
        React(lines, random, 522, 20, 70, ["friendlyRaid RAID HYPE", "hi from the raid!", "raiders in <3", "friendlyRaid friendlyRaid", "hello!! came from the raid"], guests: true);
        React(lines, random, 641, 10, 50, ["PogChamp", "Pog", "POGGERS", "PogU PogU", "Kreygasm"]);
        React(lines, random, 787, 10, 60, ["catJAM", "catJAM catJAM", "50 gifted and he's not even here LUL", "thanks for the gift!", "catJAM vibing", "he's gonna miss this KEKW"]);
        React(lines, random, 902, 40, 70, ["CHOO CHOO", "HYPE TRAIN", "choo choo!!", "PogChamp train", "level 3 lets go"]);
        React(lines, random, 1022, 9, 55, ["WHAT", "NO WAY", "insane", "CLIP IT", "PogChamp", "HOLY"]);
        React(lines, random, 1122, 9, 50, ["KEKW", "LMAO", "he missed LUL", "unlucky", "KEKW KEKW", "OMEGALUL"]);

        var comments = lines.OrderBy(l => l.Offset).Select((l, i) => new
        {
            _id = $"demo-{i + 1}",
            content_offset_seconds = Math.Round(l.Offset, 3),
            commenter = new { _id = $"{1000 + (uint)l.User.GetHashCode(StringComparison.Ordinal) % 900000}", name = l.User, display_name = l.User },
            message = new
            {
                body = l.Body,
                bits_spent = l.Body.StartsWith("Cheer100", StringComparison.Ordinal) ? 100 : 0,
                fragments = Fragments(l.Body),
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

    private static void React(List<(double, string, string)> lines, Random random, double from, double seconds, int count, string[] texts, bool guests = false)
    {
        for (var i = 0; i < count; i++)
        {
            var user = guests ? $"raider_{random.Next(10_000):0000}" : Users[random.Next(Users.Length)];
            lines.Add((from + seconds * Math.Pow(random.NextDouble(), 1.5), user, texts[random.Next(texts.Length)]));
        }
    }

    private static object[] Fragments(string body)
    {
        var words = body.Split(' ');
        return words.Select((word, i) => (object)new
        {
            text = i < words.Length - 1 ? word + " " : word,
            emoticon = Emotes.Contains(word) ? new { emoticon_id = "305954156" } : null,
        }).ToArray();
    }

    private static string EventsJsonLines() => """
        {"type":"channel.channel_points_custom_reward_redemption.add","offset_seconds":45,"event":{"user_name":"sleepy_otter","reward":{"title":"Hydrate"}}}
        {"type":"channel.cheer","offset_seconds":95,"event":{"user_name":"pixelqueen","bits":1000}}
        {"type":"channel.subscription.gift","offset_seconds":310,"event":{"user_name":"generous_gamer","total":20,"tier":"1000"}}
        {"type":"channel.subscribe","offset_seconds":455,"event":{"user_name":"quiet_fox","tier":"1000"}}
        {"type":"channel.raid","offset_seconds":520,"event":{"from_broadcaster_user_name":"friendly_streamer","viewers":250}}
        {"type":"channel.subscription.gift","offset_seconds":786,"event":{"user_name":"night_owl","total":50,"tier":"1000"}}
        {"type":"channel.hype_train.begin","offset_seconds":900,"event":{"level":1}}
        {"type":"channel.hype_train.progress","offset_seconds":918,"event":{"level":2}}
        {"type":"channel.hype_train.end","offset_seconds":945,"event":{"level":3}}

        """;

    private static string TranscriptVtt(Random random)
    {
        var cues = new List<(double Start, double End, string Text)>
        {
            (5, 9, "hey everyone welcome back to the stream"),
            (96, 100, "thank you so much for the thousand bits"),
            (199, 203, "clip it clip it somebody clip that"),
            (311, 316, "twenty gifted subs thank you for the gifted subs"),
            (521, 526, "welcome raiders thank you so much for the raid"),
            (712, 716, "okay be right back grabbing some food"),
            (872, 876, "and we're back did i miss anything"),
            (901, 906, "the hype train is here let's go"),
            (1020, 1024, "oh my god no way that actually worked"),
            (1121, 1125, "no no no i can't believe i missed that"),
            (1190, 1196, "alright that's it for today thanks for watching"),
        };
        string[] filler =
        [
            "so i'm going to head over to the left side here", "let me check the map real quick", "chat what do you think we should do",
            "okay that went fine", "we'll try the other route this time", "this part is always a bit slow", "i like this build a lot",
            "the next area should be easier", "give me one second", "alright back to it",
        ];
        var planted = cues.ToList();
        for (var t = 12.0; t < DurationSeconds - 10; t += 8 + random.NextDouble() * 10)
        {
            var end = t + 2 + random.NextDouble() * 3;
            var silent = end > Silence.StartSeconds && t < Silence.StartSeconds + Silence.DurationSeconds;
            if (!silent && planted.All(c => end < c.Start - 1 || t > c.End + 1))
            {
                cues.Add((t, end, filler[random.Next(filler.Length)]));
            }
        }

        var sb = new StringBuilder("WEBVTT\n\n");
        foreach (var (start, end, text) in cues.OrderBy(c => c.Start))
        {
            sb.Append(Time(start)).Append(" --> ").Append(Time(end)).Append('\n').Append(text).Append("\n\n");
        }

        return sb.ToString();
    }

    /// <summary>A regular, skewed so a few people talk a lot and many a little.</summary>
    private static string Regular(Random random) => Users[(int)(Users.Length * Math.Pow(random.NextDouble(), 2))];

    private static string[] MakeUsers()
    {
        string[] first = ["sleepy", "pixel", "lurker", "speedy", "noodle", "salty", "cosmic", "tiny", "mega", "chill", "retro", "grumpy", "lucky", "night", "frosty"];
        string[] second = ["otter", "queen", "joe", "gamer", "fox", "panda", "wizard", "taco", "ninja", "cat", "bard", "moose"];
        var random = new Random(3);
        return first.SelectMany(a => second.Select(b => random.Next(3) switch
        {
            0 => $"{a}_{b}",
            1 => $"{a}{b}{random.Next(100)}",
            _ => $"{a}{char.ToUpperInvariant(b[0])}{b[1..]}",
        })).OrderBy(_ => random.Next()).ToArray();
    }

    private static string Time(double seconds) => TimeSpan.FromSeconds(seconds).ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);
}
