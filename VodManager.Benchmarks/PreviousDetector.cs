using VodManager.Core.Detection;
using VodManager.Core.Ingest;

namespace VodManager.Benchmarks;

/// <summary>
/// The detector the chat model replaced (a6dac63), kept here as the quality benchmark's "previous" row, on chat alone
/// (the Lightor streams carry nothing else): distinct chatters (once per 15 s, an emote-heavy line weighing up to
/// 1.5) in a 10 s window ending at each second, widened to 60 s for a sparse chat; a spike where its robust z
/// against the median and MAD of ±300 s is ≥ 2.5, it is 1.6× that median and at least 5; runs of spikes started 6 s
/// earlier for chat's lag, merged within 6 s, given 3 s pre-roll and 5 s post-roll within 15–60 s, scored by their
/// peak and dropped below 0.4; the best taken first, trimmed away from those taken (no separation). It returned
/// fewer than asked whenever chat had fewer spikes.
/// </summary>
internal static class PreviousDetector
{
    private const double Cooldown = 15, EmoteBoost = 0.5, EmoteCap = 3, ExpectedChatters = 4;
    private const int Window = 10, MaxWindow = 60, BaselineSeconds = 300, RunGap = 2;
    private const double ZThreshold = 2.5, FullZ = 10, MinRatio = 1.6, MinActivity = 5, Lead = 6;
    private const double MergeGap = 6, PreRoll = 3, PostRoll = 5, MinLength = 15, MaxLength = 60, MinScore = 0.4;

    public static async Task<IReadOnlyList<(double Start, double End)>> DetectAsync(ChatLogParser parser, IngestOptions options, string chat, double duration, int topN, CancellationToken cancellationToken)
    {
        var seconds = (int)Math.Ceiling(duration);
        var weighted = new float[seconds];
        var counted = new Dictionary<ulong, double>();
        await using var input = await IngestInput.OpenAsync(chat, options, cancellationToken);
        await foreach (var batch in parser.ReadAsync(input, ChatReadMode.Signals, null, cancellationToken))
        {
            foreach (var line in batch.Where(l => l.OffsetSeconds < seconds))
            {
                if (counted.TryGetValue(line.AuthorKey, out var last) && Math.Abs(line.OffsetSeconds - last) < Cooldown)
                {
                    continue;
                }

                counted[line.AuthorKey] = line.OffsetSeconds;
                weighted[(int)line.OffsetSeconds] += 1 + (float)(EmoteBoost * Math.Min(line.Emotes, EmoteCap) / EmoteCap);
            }
        }

        return Rank(Spikes(weighted), duration, topN);
    }

    private static float[] Spikes(float[] weighted)
    {
        var perSecond = weighted.Sum() / Math.Max(1, weighted.Length);
        var width = (int)Math.Round(Math.Clamp(perSecond > 0 ? ExpectedChatters / perSecond : MaxWindow, Window, MaxWindow));
        var prefix = new double[weighted.Length + 1];
        for (var i = 0; i < weighted.Length; i++)
        {
            prefix[i + 1] = prefix[i] + weighted[i];
        }

        var window = new float[weighted.Length];
        for (var s = 0; s < window.Length; s++)
        {
            window[s] = (float)(prefix[s + 1] - prefix[Math.Max(0, s + 1 - width)]);
        }

        var (median, mad) = RobustBaseline.Compute(window, BaselineSeconds);
        var values = new float[window.Length];
        for (var s = 0; s < window.Length; s++)
        {
            var m = float.IsNaN(median[s]) ? 0 : median[s];
            var sigma = Math.Max(1.4826 * (float.IsNaN(mad[s]) ? 0 : mad[s]), Math.Sqrt(Math.Max(m, 1)) + 1);
            var z = (window[s] - m) / sigma;
            values[s] = z >= ZThreshold && window[s] >= MinRatio * Math.Max(m, 0.5) && window[s] >= MinActivity
                ? (float)Math.Clamp((z - ZThreshold) / (FullZ - ZThreshold), 0.05, 1)
                : 0;
        }

        return values;
    }

    private static List<(double Start, double End)> Rank(float[] values, double duration, int topN)
    {
        // Runs of spikes (a gap of a second or two does not split one), started earlier by chat's lag.
        var runs = new List<(double Start, double End, float Peak, double Anchor)>();
        for (var s = 0; s < values.Length;)
        {
            if (values[s] <= 0)
            {
                s++;
                continue;
            }

            var (to, peak) = (s, s);
            var from = s;
            for (var gap = 0; s < values.Length && gap <= RunGap; s++)
            {
                (to, gap, peak) = values[s] > 0 ? (s, 0, values[s] > values[peak] ? s : peak) : (to, gap + 1, peak);
            }

            runs.Add((from - Lead, to, values[peak], peak - Lead));
        }

        var moments = new List<(double Start, double End, double Score, double Anchor)>();
        var merged = new List<(double Start, double End, float Peak, double Anchor)>();
        foreach (var run in runs.Append((Start: double.MaxValue, End: double.MaxValue, Peak: 0f, Anchor: 0.0)))
        {
            if (merged.Count > 0 && (run.Start > merged.Max(r => r.End) + MergeGap || Math.Max(merged.Max(r => r.End), run.End) - merged[0].Start > MaxLength))
            {
                moments.Add(Bound(merged, duration));
                merged.Clear();
            }

            merged.Add(run);
        }

        var taken = new List<(double Start, double End, double Score, double Anchor)>();
        foreach (var moment in moments.Where(m => m.Score >= MinScore).OrderByDescending(m => m.Score).ThenBy(m => m.Start))
        {
            if (taken.Count == topN)
            {
                break;
            }

            if (FitBeside(moment, taken) is { } fitted)
            {
                taken.Add(fitted);
            }
        }

        return [.. taken.Select(t => (t.Start, t.End))];
    }

    private static (double Start, double End, double Score, double Anchor) Bound(List<(double Start, double End, float Peak, double Anchor)> runs, double duration)
    {
        var strongest = runs.MaxBy(r => r.Peak);
        var (start, end) = (runs.Min(r => r.Start) - PreRoll, runs.Max(r => r.End) + PostRoll);
        if (end - start > MaxLength)
        {
            start = Math.Max(start, strongest.Anchor - PreRoll - MaxLength / 3);
            end = start + MaxLength;
        }

        end = Math.Max(end, start + MinLength);
        var length = end - start;
        (start, end) = start < 0 ? (0, Math.Min(duration, length)) : (start, end);
        (start, end) = end > duration ? (Math.Max(0, duration - length), duration) : (start, end);
        return (start, end, strongest.Peak, Math.Clamp(strongest.Anchor, start, end));
    }

    private static (double Start, double End, double Score, double Anchor)? FitBeside((double Start, double End, double Score, double Anchor) moment, List<(double Start, double End, double Score, double Anchor)> taken)
    {
        var (start, end) = (moment.Start, moment.End);
        foreach (var other in taken.Where(t => t.Start < end && t.End > start))
        {
            if (other.Start <= moment.Anchor && moment.Anchor <= other.End)
            {
                return null;
            }

            (start, end) = moment.Anchor < other.Start ? (start, other.Start) : (other.End, end);
        }

        return end - start >= Math.Min(MinLength, moment.End - moment.Start) - 1e-6 ? moment with { Start = start, End = end } : null;
    }
}
