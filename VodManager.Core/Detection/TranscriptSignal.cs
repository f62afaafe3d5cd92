using System.Text;
using VodManager.Core.Ingest;

namespace VodManager.Core.Detection;

/// <summary>
/// Keyword density in what was said: each cue's keyword hits are spread over the cue's seconds, and each second's
/// value is the hits within the <see cref="DetectionOptions.KeywordWindowSeconds"/> up to it, reaching 1.0 at
/// <see cref="DetectionOptions.TranscriptSaturationHits"/>. "Oh my god, no way" in a 4-second cue is a full signal;
/// one "wow" in a minute-long monologue is a faint one.
/// </summary>
public sealed class TranscriptSignal : SignalTrack
{
    private readonly List<(TranscriptCue Cue, List<string> Phrases)> _hits;

    private TranscriptSignal(float[] values, List<(TranscriptCue, List<string>)> hits)
        : base(values)
    {
        _hits = hits;
    }

    /// <summary>People exclaim just after what they exclaim about.</summary>
    public override double LeadSeconds => 2;

    public static TranscriptSignal Compute(IReadOnlyList<TranscriptCue> cues, int seconds, DetectionOptions options)
    {
        var phrases = options.KeywordList.Select(k => " " + Normalize(k) + " ").Where(k => k.Trim().Length > 0).Distinct().ToArray();
        var density = new double[seconds + 1];
        var hits = new List<(TranscriptCue, List<string>)>();
        foreach (var cue in cues)
        {
            var text = " " + Normalize(cue.Text) + " ";
            var found = new List<string>();
            foreach (var phrase in phrases)
            {
                for (var at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + phrase.Length - 1, StringComparison.Ordinal))
                {
                    found.Add(phrase.Trim());
                }
            }

            if (found.Count == 0 || cue.StartSeconds >= seconds)
            {
                continue;
            }

            hits.Add((cue, found));
            var from = (int)cue.StartSeconds;
            var to = Math.Min(seconds - 1, Math.Max(from, (int)Math.Ceiling(cue.EndSeconds) - 1));
            var perSecond = found.Count / (double)(to - from + 1);
            for (var s = from; s <= to; s++)
            {
                density[s] += perSecond;
            }
        }

        var values = new float[seconds];
        var width = Math.Max(1, (int)options.KeywordWindowSeconds);
        double sum = 0;
        for (var s = 0; s < seconds; s++)
        {
            sum += density[s] - (s >= width ? density[s - width] : 0);
            values[s] = (float)Math.Clamp(sum / options.TranscriptSaturationHits, 0, 1);
        }

        return new TranscriptSignal(values, hits);
    }

    public override string? Describe(int from, int to)
    {
        var said = _hits.Where(h => h.Cue.EndSeconds >= from && h.Cue.StartSeconds <= to + 1).SelectMany(h => h.Phrases).ToList();
        return said.Count == 0 ? null : "said " + string.Join(", ", said.Distinct().Take(4).Select(p => $"\"{p}\"")) + (said.Count > 1 ? $" ({said.Count} keyword hits)" : "");
    }

    /// <summary>Lower case, straight apostrophes, every run of non-letters one space: "Oh. My. GOD!!" → "oh my god".</summary>
    private static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = true;
        foreach (var c in text)
        {
            var ch = c is '\u2019' or '`' ? '\'' : char.ToLowerInvariant(c);
            if (char.IsLetterOrDigit(ch) || ch == '\'')
            {
                sb.Append(ch);
                space = false;
            }
            else if (!space)
            {
                sb.Append(' ');
                space = true;
            }
        }

        return sb.ToString().TrimEnd();
    }
}
