using System.Globalization;
using System.Text;
using System.Text.Json;
using VodManager.Core.Ingest;
using VodManager.Core.Media;

namespace VodManager.Testing;

/// <summary>
/// Writes a synthetic stream with known truth, for measuring detection: Poisson chat from a skewed pool of regulars
/// over a daily curve (quiet start, busy middle, quiet end), background subs and small talk, one of each planted
/// moment (emote burst, raid, gift subs, hype train, cheer, transcript-only, audio-only) and the decoys that fooled
/// the old scorer (one spammer, a cluster of cheap redemptions, a slow rise of chat). Sizes, times and reactions are
/// drawn from the seed, so every seed is a different stream. Chat is written as TwitchDownloader JSON, streamed, so
/// a 12-hour stream of millions of lines costs no memory.
/// </summary>
public static class SyntheticStreamGenerator
{
    private static readonly string[] Small =
        ["lol", "nice", "gg", "hi chat", "what game is this", "that was close", "o7", "love this song", "first time here", "how long is stream",
         "true", "LUL", "KEKW", "ez", "pog", "hello from germany", "is this ranked?", "nice shot", "F", "hahaha", "monkaS", "5Head"];

    private static readonly string[] Filler =
        ["so i'm going to head over to the left side here", "let me check the map real quick", "thanks for hanging out everyone",
         "i think we need more ammo before the next fight", "chat what do you think we should do", "okay that went fine",
         "we'll try the other route this time", "i'm just going to grab some water", "this part is always a bit slow",
         "remember to stay hydrated", "the next area should be easier", "alright back to it", "hmm interesting choice",
         "i like this build a lot", "we'll see how this goes", "give me one second"];

    private static readonly string[] Exclaims =
        ["oh my god no way that actually worked", "clip it clip it somebody clip that", "no way did that just happen oh my god",
         "let's go that was insane", "holy that was unbelievable clip that"];

    private static readonly string[] Emotes = ["PogChamp", "Kreygasm", "LUL", "PogU", "KEKW", "catJAM"];

    public static async Task<SyntheticStream> WriteAsync(SyntheticStreamSpec spec, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(spec.Seed);
        var planted = spec.Plant ? Plan(spec, random) : [];
        var events = Events(planted, spec, random);
        var cues = Cues(planted, spec, random);
        var (loudness, loudMoments) = Loudness(planted, spec, random);

        var chatPath = Path.Combine(folder, "chat.json");
        var messages = await WriteChatAsync(chatPath, planted, spec, random, cancellationToken);
        var eventsPath = Path.Combine(folder, "events.jsonl");
        await File.WriteAllLinesAsync(eventsPath, events, cancellationToken);
        var transcriptPath = Path.Combine(folder, "transcript.vtt");
        await File.WriteAllTextAsync(transcriptPath, cues, cancellationToken);
        return new SyntheticStream(chatPath, eventsPath, transcriptPath, spec.DurationSeconds, messages, planted, loudness, loudMoments);
    }

    /// <summary>One of each moment and decoy, in shuffled order, each in its own slot of the stream (at least minutes apart).</summary>
    private static List<PlantedMoment> Plan(SyntheticStreamSpec spec, Random random)
    {
        var kinds = Enum.GetValues<PlantedKind>().OrderBy(_ => random.Next()).ToArray();
        var margin = Math.Min(300, spec.DurationSeconds * 0.05);
        var slot = (spec.DurationSeconds - 2 * margin) / kinds.Length;
        return kinds.Select((kind, i) =>
        {
            var length = kind switch
            {
                PlantedKind.GradualRiseDecoy => Math.Min(1200, slot * 0.8),
                PlantedKind.SpamDecoy => 60,
                PlantedKind.RedemptionDecoy => 90,
                PlantedKind.HypeTrain => 45,
                PlantedKind.EmoteBurst => 15 + random.Next(15),
                PlantedKind.AudioOnly => 3 + random.Next(3),
                _ => 10,
            };
            var at = margin + slot * i + (slot - length) * (0.2 + 0.6 * random.NextDouble());
            return new PlantedMoment(kind, Math.Round(at, 1), length);
        }).OrderBy(p => p.AtSeconds).ToList();
    }

    private static List<string> Events(List<PlantedMoment> planted, SyntheticStreamSpec spec, Random random)
    {
        var lines = new List<(double At, string Json)>();
        foreach (var p in planted)
        {
            var t = p.AtSeconds;
            switch (p.Kind)
            {
                case PlantedKind.Raid:
                    lines.Add((t, $$$"""{"type":"channel.raid","offset_seconds":{{{N(t)}}},"event":{"from_broadcaster_user_name":"friendly_streamer","viewers":{{{30 + random.Next(400)}}}}}"""));
                    break;
                case PlantedKind.GiftSubs:
                    lines.Add((t, $$$"""{"type":"channel.subscription.gift","offset_seconds":{{{N(t)}}},"event":{"user_name":"generous_viewer","total":{{{5 + random.Next(45)}}},"tier":"1000"}}"""));
                    break;
                case PlantedKind.HypeTrain:
                    lines.Add((t, $$$"""{"type":"channel.hype_train.begin","offset_seconds":{{{N(t)}}},"event":{"level":1}}"""));
                    lines.Add((t + 18, $$$"""{"type":"channel.hype_train.progress","offset_seconds":{{{N(t + 18)}}},"event":{"level":2}}"""));
                    lines.Add((t + 40, $$$"""{"type":"channel.hype_train.end","offset_seconds":{{{N(t + 40)}}},"event":{"level":3}}"""));
                    break;
                case PlantedKind.Cheer:
                    lines.Add((t, $$$"""{"type":"cheer","offset_seconds":{{{N(t)}}},"event":{"user_name":"big_cheerer","bits":{{{500 + 100 * random.Next(46)}}}}}"""));
                    break;
                case PlantedKind.RedemptionDecoy:
                    for (var i = 0; i < 12 + random.Next(9); i++)
                    {
                        var at = t + random.NextDouble() * p.DurationSeconds;
                        lines.Add((at, $$$"""{"type":"channel.channel_points_custom_reward_redemption.add","offset_seconds":{{{N(at)}}},"event":{"reward":{"title":"Hydrate"},"user_name":"viewer{{{random.Next(500)}}}"}}"""));
                    }

                    break;
            }
        }

        // Background: a single sub every 20 minutes or so is ordinary, not a highlight.
        for (var at = 600.0 * random.NextDouble(); at < spec.DurationSeconds; at += 600 + random.NextDouble() * 1800)
        {
            lines.Add((at, $$$"""{"type":"sub","offset_seconds":{{{N(at)}}},"event":{"user_name":"viewer{{{random.Next(500)}}}","tier":"1000"}}"""));
        }

        return lines.OrderBy(l => l.At).Select(l => l.Json).ToList();
    }

    private static string Cues(List<PlantedMoment> planted, SyntheticStreamSpec spec, Random random)
    {
        var cues = new List<(double Start, double End, string Text)>();
        foreach (var p in planted)
        {
            var text = p.Kind switch
            {
                PlantedKind.TranscriptOnly => Exclaims[random.Next(Exclaims.Length)],
                PlantedKind.Raid => "welcome raiders thank you so much for the raid",
                PlantedKind.GiftSubs => "thank you for the gifted subs",
                _ => null,
            };
            if (text is not null)
            {
                cues.Add((p.AtSeconds + 1, p.AtSeconds + 5, text));
            }
        }

        var busy = cues.ToList();
        for (var t = 5.0; t < spec.DurationSeconds - 10; t += 6 + random.NextDouble() * 10)
        {
            var end = t + 2 + random.NextDouble() * 4;
            if (busy.All(c => end < c.Start - 1 || t > c.End + 1))
            {
                cues.Add((t, end, Filler[random.Next(Filler.Length)]));
            }
        }

        var sb = new StringBuilder("WEBVTT\n\n");
        foreach (var (start, end, text) in cues.OrderBy(c => c.Start))
        {
            sb.Append(Stamp(start)).Append(" --> ").Append(Stamp(end)).Append('\n').Append(text).Append("\n\n");
        }

        return sb.ToString();
    }

    /// <summary>Speech-like loudness around -26 LUFS that drifts and jitters, a scream at the audio-only moment, raised voices at some others.</summary>
    private static (float[] Levels, List<LoudMoment> Loud) Loudness(List<PlantedMoment> planted, SyntheticStreamSpec spec, Random random)
    {
        var levels = new float[(int)Math.Ceiling(spec.DurationSeconds)];
        var drift = 0.0;
        for (var s = 0; s < levels.Length; s++)
        {
            drift = Math.Clamp(drift + Gaussian(random) * 0.3, -4, 4);
            levels[s] = (float)(-26 + drift + Gaussian(random) * 2);
        }

        var loud = new List<LoudMoment>();
        foreach (var p in planted.Where(p => p.Kind == PlantedKind.AudioOnly || (p.Kind is PlantedKind.Raid or PlantedKind.HypeTrain && random.NextDouble() < 0.5)))
        {
            var boost = p.Kind == PlantedKind.AudioOnly ? 16 + random.NextDouble() * 10 : 5 + random.NextDouble() * 3;
            var length = p.Kind == PlantedKind.AudioOnly ? p.DurationSeconds : 3;
            loud.Add(new LoudMoment(p.AtSeconds, length));
            for (var s = (int)p.AtSeconds; s < Math.Min(levels.Length, p.AtSeconds + length); s++)
            {
                levels[s] += (float)boost;
            }
        }

        return (levels, loud);
    }

    private static async Task<long> WriteChatAsync(string path, List<PlantedMoment> planted, SyntheticStreamSpec spec, Random random, CancellationToken cancellationToken)
    {
        var seconds = (int)Math.Ceiling(spec.DurationSeconds);
        var regulars = Math.Max(200, (int)(spec.MessagesPerSecond * 600));
        long written = 0;
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous);
        await using var json = new Utf8JsonWriter(file);
        json.WriteStartObject();
        json.WriteStartObject("streamer");
        json.WriteString("name", "synthetic_channel");
        json.WriteNumber("id", 424242);
        json.WriteEndObject();
        json.WriteStartArray("comments");
        var second = new List<(double At, string User, string Body, int Emotes)>();
        var guests = 0;
        for (var s = 0; s < seconds; s++)
        {
            second.Clear();
            var rate = spec.MessagesPerSecond * DailyCurve(s, spec.DurationSeconds) * RiseFactor(s, planted);
            for (var i = Poisson(rate, random); i > 0; i--)
            {
                var emotes = random.NextDouble() < 0.1 ? 1 : 0;
                second.Add((s + random.NextDouble(), Regular(regulars, random), emotes == 1 ? Emotes[random.Next(Emotes.Length)] : Small[random.Next(Small.Length)], emotes));
            }

            foreach (var p in planted)
            {
                AddReaction(p, s, spec.MessagesPerSecond * DailyCurve(p.AtSeconds, spec.DurationSeconds), second, random, regulars, ref guests);
            }

            foreach (var line in second.OrderBy(l => l.At))
            {
                WriteComment(json, ++written, line.At, line.User, line.Body, line.Emotes);
            }

            if (json.BytesPending > 1 << 20)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        return written;
    }

    /// <summary>Chat lines a planted moment adds in second <paramref name="s"/>: reactions from many people, or the spammer's lines.</summary>
    private static void AddReaction(PlantedMoment p, int s, double baseRate, List<(double, string, string, int)> second, Random random, int regulars, ref int guests)
    {
        var (delay, length, extra, text, emotes) = p.Kind switch
        {
            PlantedKind.EmoteBurst => (3.0, p.DurationSeconds, 2.5 + random.NextDouble() * 1.5, "PogChamp PogChamp Kreygasm", 3),
            PlantedKind.Raid => (3.0, 25.0, 2 + random.NextDouble(), "RAID HYPE friendlyRaid", 1),
            PlantedKind.GiftSubs => (2.0, 15.0, 1 + random.NextDouble(), "thanks for the subs PogChamp", 1),
            PlantedKind.HypeTrain => (2.0, 45.0, 1.5, "HYPE TRAIN CHOO CHOO", 1),
            PlantedKind.Cheer => (2.0, 10.0, 0.5, "Cheer100 nice", 0),
            PlantedKind.SpamDecoy => (0.0, p.DurationSeconds, 0.0, "BUY CHEAP FOLLOWERS AT example dot com", 0),
            _ => (0.0, 0.0, 0.0, "", 0),
        };
        var from = p.AtSeconds + delay;
        if (s + 1 <= from || s >= from + length)
        {
            return;
        }

        if (p.Kind == PlantedKind.SpamDecoy)
        {
            for (var i = (int)(s - from) * 3 / 2; i < Math.Min(90, (int)(s + 1 - from) * 3 / 2); i++)
            {
                second.Add((s + random.NextDouble(), "spam_bot_3000", text, 0));
            }

            return;
        }

        for (var i = Poisson(extra * Math.Max(baseRate, 1), random); i > 0; i--)
        {
            // Raiders are new faces; other reactions come from regulars and lurkers alike.
            var user = p.Kind == PlantedKind.Raid || random.NextDouble() < 0.5 ? $"guest{++guests}" : Regular(regulars, random);
            second.Add((Math.Max(s, from) + random.NextDouble() * Math.Min(1, s + 1 - from), user, text, emotes));
        }
    }

    private static void WriteComment(Utf8JsonWriter json, long id, double at, string user, string body, int emotes)
    {
        json.WriteStartObject();
        json.WriteString("_id", $"c{id}");
        json.WriteNumber("content_offset_seconds", Math.Round(at, 3));
        json.WriteStartObject("commenter");
        json.WriteString("display_name", user);
        json.WriteString("_id", $"u{AuthorId(user)}");
        json.WriteString("name", user);
        json.WriteEndObject();
        json.WriteStartObject("message");
        json.WriteString("body", body);
        json.WriteNumber("bits_spent", 0);
        json.WriteStartArray("fragments");
        var words = body.Split(' ');
        for (var w = 0; w < words.Length; w++)
        {
            json.WriteStartObject();
            json.WriteString("text", w < words.Length - 1 ? words[w] + " " : words[w]);
            if (w < emotes)
            {
                json.WriteStartObject("emoticon");
                json.WriteString("emoticon_id", "305954156");
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("emoticon");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("user_badges");
        json.WriteEndArray();
        json.WriteStartObject("user_notice_params");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Quiet start, busy middle, quiet end, with a gentle 30-minute wave.</summary>
    private static double DailyCurve(double t, double duration) =>
        (0.35 + 0.65 * Math.Pow(Math.Sin(Math.PI * t / duration), 0.8)) * (1 + 0.1 * Math.Sin(2 * Math.PI * t / 1800));

    /// <summary>The gradual-rise decoy: chat eases up to double over the first half of its span and back down.</summary>
    private static double RiseFactor(int s, List<PlantedMoment> planted)
    {
        foreach (var p in planted)
        {
            if (p.Kind == PlantedKind.GradualRiseDecoy && s >= p.AtSeconds && s < p.AtSeconds + p.DurationSeconds)
            {
                var x = (s - p.AtSeconds) / p.DurationSeconds;
                return 1 + (x < 0.5 ? x * 2 : (1 - x) * 2);
            }
        }

        return 1;
    }

    /// <summary>A regular, skewed so a few people talk a lot and many a little.</summary>
    private static string Regular(int pool, Random random) => $"viewer{(int)(pool * Math.Pow(random.NextDouble(), 2))}";

    private static ulong AuthorId(string user) => AuthorKeys.Of(user) % 1_000_000_000;

    private static int Poisson(double lambda, Random random)
    {
        if (lambda > 30)
        {
            return Math.Max(0, (int)Math.Round(lambda + Gaussian(random) * Math.Sqrt(lambda)));
        }

        var limit = Math.Exp(-lambda);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble())
        {
            k++;
        }

        return k;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static string N(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Stamp(double seconds) => TimeSpan.FromSeconds(seconds).ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);
}
