using System.Text;
using System.Text.Json;

namespace VodManager.Core.Refinement;

/// <summary>
/// Reads a generateContent response: a blocked prompt (promptFeedback.blockReason), a candidate that stopped for any
/// reason but STOP (a refusal, a cut-off answer), or text that is not the JSON the schema asked for all become a
/// <see cref="RefinementBackendException"/> carrying the raw response; otherwise the answer's fields, checked.
/// </summary>
public static class GeminiAnswer
{
    public static RefinementProposal Parse(string raw)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(raw);
        }
        catch (JsonException e)
        {
            throw new RefinementBackendException($"Gemini's response is not JSON: {e.Message}", raw, e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("promptFeedback", out var feedback)
                && feedback.TryGetProperty("blockReason", out var blocked))
            {
                throw new RefinementBackendException($"Gemini refused the request: the prompt was blocked ({blocked}).", raw);
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("candidates", out var candidates)
                || candidates.ValueKind != JsonValueKind.Array || candidates.GetArrayLength() == 0)
            {
                throw new RefinementBackendException("Gemini returned no answer (no candidates).", raw);
            }

            var candidate = candidates[0];
            var finish = candidate.TryGetProperty("finishReason", out var f) ? f.GetString() : null;
            if (finish is not (null or "STOP"))
            {
                throw new RefinementBackendException(finish == "MAX_TOKENS"
                    ? "Gemini's answer was cut off (finishReason MAX_TOKENS)."
                    : $"Gemini refused to answer (finishReason {finish}).", raw);
            }

            return Fields(Text(candidate, raw), raw);
        }
    }

    private static string Text(JsonElement candidate, string raw)
    {
        var text = new StringBuilder();
        if (candidate.TryGetProperty("content", out var content) && content.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in parts.EnumerateArray())
            {
                if (part.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
                {
                    text.Append(t.GetString());
                }
            }
        }

        return text.Length > 0 ? text.ToString() : throw new RefinementBackendException("Gemini's answer has no text.", raw);
    }

    private static RefinementProposal Fields(string text, string raw)
    {
        try
        {
            using var answer = JsonDocument.Parse(text);
            var a = answer.RootElement;
            return new RefinementProposal(
                a.GetProperty(GeminiPrompt.StartField).GetDouble(),
                a.GetProperty(GeminiPrompt.EndField).GetDouble(),
                a.GetProperty(GeminiPrompt.ClipableField).GetBoolean(),
                a.GetProperty(GeminiPrompt.ConfidenceField).GetDouble(),
                a.GetProperty(GeminiPrompt.ReasonField).GetString() ?? "",
                raw);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new RefinementBackendException(
                $"Gemini's answer is not the JSON asked for ({e.Message.Split('\n')[0]}): {(text.Length > 200 ? text[..200] + "…" : text)}", raw, e);
        }
    }
}
