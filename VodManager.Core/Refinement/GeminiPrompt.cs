using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using VodManager.Core.Media;

namespace VodManager.Core.Refinement;

/// <summary>
/// The generateContent request for one iteration: the instructions, the window's context as compact text, the
/// window's audio (inline base64 or a time-limited URL), and a response schema so the answer is JSON of a known shape.
/// </summary>
public static class GeminiPrompt
{
    public const string StartField = "start_seconds";
    public const string EndField = "end_seconds";
    public const string ClipableField = "is_clipable";
    public const string ConfidenceField = "confidence";
    public const string ReasonField = "reason";

    private const string Instructions =
        "You refine highlights of livestream recordings before they are cut into short clips. " +
        "Given a candidate moment with its transcript, chat, events, per-second signals and the audio around it, " +
        "choose the tightest bounds that keep the whole moment (its build-up, the payoff and the immediate reaction) and no dead air, " +
        "and judge whether it works as a clip on its own. All times are seconds from the start of the stream.";

    /// <param name="audio">The window's audio as an inlineData or fileData part, or null when there is none.</param>
    public static JsonObject Build(RefinementInput input, JsonObject? audio, double temperature)
    {
        JsonArray parts = [new JsonObject { ["text"] = Describe(input) }];
        if (audio is not null)
        {
            parts.Add(audio);
        }

        return new JsonObject
        {
            ["systemInstruction"] = new JsonObject { ["parts"] = new JsonArray(new JsonObject { ["text"] = Instructions }) },
            ["contents"] = new JsonArray(new JsonObject { ["role"] = "user", ["parts"] = parts }),
            ["generationConfig"] = new JsonObject
            {
                ["responseMimeType"] = "application/json",
                ["responseSchema"] = Schema(),
                ["temperature"] = temperature,
            },
        };
    }

    public static JsonObject InlineAudio(string mimeType, byte[] bytes) =>
        new() { ["inlineData"] = new JsonObject { ["mimeType"] = mimeType, ["data"] = Convert.ToBase64String(bytes) } };

    public static JsonObject AudioUrl(string mimeType, Uri url) =>
        new() { ["fileData"] = new JsonObject { ["mimeType"] = mimeType, ["fileUri"] = url.ToString() } };

    private static JsonObject Schema() => new()
    {
        ["type"] = "OBJECT",
        ["properties"] = new JsonObject
        {
            [StartField] = Field("NUMBER", "Refined start, seconds from the start of the stream, inside the context window."),
            [EndField] = Field("NUMBER", "Refined end, seconds from the start of the stream, after the start and inside the context window."),
            [ClipableField] = Field("BOOLEAN", "False when the moment does not work as a clip on its own."),
            [ConfidenceField] = Field("NUMBER", "How sure you are of the bounds and the verdict, 0 to 1."),
            [ReasonField] = Field("STRING", "One short sentence: why these bounds and this verdict."),
        },
        ["required"] = new JsonArray(StartField, EndField, ClipableField, ConfidenceField, ReasonField),
        ["propertyOrdering"] = new JsonArray(StartField, EndField, ClipableField, ConfidenceField, ReasonField),
    };

    private static JsonObject Field(string type, string description) => new() { ["type"] = type, ["description"] = description };

    private static string Describe(RefinementInput input)
    {
        var w = input.Window;
        var h = input.Highlight;
        var text = new StringBuilder();
        Line(text, $"Candidate moment: {input.Start:0.##}–{input.End:0.##} s (refinement iteration {input.Iteration}).");
        Line(text, $"Detected as {h.DetectedStart:0.##}–{h.DetectedEnd:0.##} s with score {h.Score:0.##} (chat {h.Signals.Chat:0.##}, events {h.Signals.Events:0.##}, transcript {h.Signals.Transcript:0.##}, audio {h.Signals.Audio:0.##}){(h.Explanation is null ? "" : ": " + h.Explanation)}.");
        Line(text, $"Context window: {w.Start:0.##}–{w.End:0.##} s; the stream is {w.SourceDuration:0.##} s long. The attached audio, if any, starts at stream second {w.Start:0.##}.");
        text.Append("\nTranscript:\n");
        foreach (var cue in w.Transcript)
        {
            Line(text, $"[{cue.StartSeconds:0.#}–{cue.EndSeconds:0.#}] {cue.Text}");
        }

        text.Append(CultureInfo.InvariantCulture, $"\nChat ({w.Chat.Count} of {w.ChatTotal} messages):\n");
        foreach (var chat in w.Chat)
        {
            Line(text, $"[{chat.OffsetSeconds:0.#}] {chat.Author}: {chat.Text}");
        }

        text.Append("\nEvents:\n");
        foreach (var e in w.Events)
        {
            Line(text, $"[{e.OffsetSeconds:0.#}] {e.Type} x{e.Magnitude:0.##}{(e.Detail is null ? "" : " " + e.Detail)}");
        }

        if (w.Curves is { } c)
        {
            text.Append("\nSignals per second (chat reaction, events, transcript, audio, and how far the chat model's probability that a moment starts at that second rises above the stream's usual; each 0..1; seconds with all below 0.05 left out):\n");
            for (var i = 0; i < c.Seconds; i++)
            {
                if (w.SignalAt(w.FirstSecond + i) >= 0.05f)
                {
                    Line(text, $"{w.FirstSecond + i}: {c.Chat[i]:0.00} {c.Events[i]:0.00} {c.Transcript[i]:0.00} {c.Audio[i]:0.00} {c.ChatLift[i]:0.00}");
                }
            }
        }

        if (w.Muted.Count > 0)
        {
            text.Append($"\nTwitch muted the sound at {MutedSound.List(w.Muted)}: silence there is the platform's, not the stream's; judge those seconds by chat, events and the picture.\n");
        }

        if (w.Loudness is { } loudness)
        {
            text.Append("\nLoudness per second (LUFS, from the window's first second; \"muted\" where Twitch muted the sound):\n");
            text.AppendJoin(' ', Enumerable.Range(w.FirstSecond, loudness.Length).Select(s => w.LoudnessAt(s)?.ToString("0", CultureInfo.InvariantCulture) ?? "muted")).Append('\n');
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
