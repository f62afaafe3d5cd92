using Microsoft.Extensions.Options;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Detection;

/// <summary>
/// Merges the four signals into ranked, non-overlapping highlights. Each signal's runs of non-zero seconds become
/// segments (chat's shifted back by its lead-in, since chat reacts after the moment); segments closer than
/// <see cref="DetectionOptions.MergeGapSeconds"/> form one moment; a moment's score is Σ weight × (its best value of
/// each signal), so a raid that chat also reacts to outranks either alone. Moments under MinScore are dropped,
/// bounds get pre/post-roll within min/max length, and the best moments are taken in order, trimming or dropping
/// any that would overlap one already taken.
/// </summary>
public sealed class HighlightScorer(IOptions<DetectionOptions> options)
{
    private const int RunGapSeconds = 2;

    private enum Signal
    {
        Chat,
        Events,
        Transcript,
        Audio,
    }

    /// <param name="topN">How many highlights at most; null for <see cref="DetectionOptions.TopN"/>.</param>
    public DetectionOutcome Score(DetectionInput input, int? topN = null)
    {
        var o = options.Value;
        var limit = topN ?? o.TopN;
        var duration = input.DurationSeconds;
        var tracks = Tracks(input, (int)Math.Ceiling(duration));
        var weights = new[] { o.Weights.Chat, o.Weights.Events, o.Weights.Transcript, o.Weights.Audio };

        var moments = Merge(Segments(tracks, weights), o)
            .Select(m => Bound(m, tracks, weights, duration, o))
            .Where(m => m.Score >= o.MinScore)
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.Start);

        var taken = new List<Moment>();
        foreach (var moment in moments)
        {
            if (taken.Count == limit)
            {
                break;
            }

            if (FitBeside(moment, taken, o.MinLengthSeconds) is { } fitted)
            {
                taken.Add(fitted);
            }
        }

        var highlights = taken
            .Select((m, i) => new DetectedHighlight(i + 1, Math.Round(m.Start, 2), Math.Round(m.End, 2), Math.Round(m.Score, 3), Breakdown(m.Values), Explain(m, tracks, weights)))
            .ToList();
        return new DetectionOutcome(highlights, CurvesOf(input, tracks));
    }

    /// <summary>The per-second curves alone (for the editor's minimap and refinement), without ranking.</summary>
    public SignalCurves Curves(DetectionInput input) => CurvesOf(input, Tracks(input, (int)Math.Ceiling(input.DurationSeconds)));

    private SignalTrack[] Tracks(DetectionInput input, int seconds)
    {
        var o = options.Value;
        return
        [
            ChatSpikeSignal.Compute(input.Chat, seconds, o.Chat),
            EventSignal.Compute(input.Events, seconds, o),
            TranscriptSignal.Compute(input.Transcript, seconds, o),
            AudioEnergySignal.Compute(input.Loudness, seconds, o),
        ];
    }

    private static SignalCurves CurvesOf(DetectionInput input, SignalTrack[] tracks)
    {
        var seconds = tracks[0].Values.Length;
        var messages = new float[seconds];
        if (input.Chat is { } chat)
        {
            chat.Messages[..Math.Min(seconds, chat.Seconds)].CopyTo(messages);
        }

        return new SignalCurves(seconds, messages, tracks[0].Values, tracks[1].Values, tracks[2].Values, tracks[3].Values);
    }

    /// <summary>Runs of non-zero values per signal (gaps of a second or two do not split a run).</summary>
    private static List<Segment> Segments(SignalTrack[] tracks, double[] weights)
    {
        var segments = new List<Segment>();
        for (var t = 0; t < tracks.Length; t++)
        {
            if (weights[t] <= 0)
            {
                continue;
            }

            var values = tracks[t].Values;
            var s = 0;
            while (s < values.Length)
            {
                if (values[s] <= 0)
                {
                    s++;
                    continue;
                }

                var (from, to, peak) = (s, s, s);
                for (var gap = 0; s < values.Length && gap <= RunGapSeconds; s++)
                {
                    if (values[s] > 0)
                    {
                        (to, gap) = (s, 0);
                        peak = values[s] > values[peak] ? s : peak;
                    }
                    else
                    {
                        gap++;
                    }
                }

                var lead = tracks[t].LeadSeconds;
                segments.Add(new Segment((Signal)t, from, to, from - lead, to + tracks[t].TailSeconds, values[peak], peak - lead));
            }
        }

        return segments;
    }

    /// <summary>Segments that touch (within MergeGap) are one moment, unless that would make it longer than a clip may be.</summary>
    private static List<List<Segment>> Merge(List<Segment> segments, DetectionOptions o)
    {
        var moments = new List<List<Segment>>();
        double start = 0, end = double.MinValue;
        foreach (var segment in segments.OrderBy(s => s.Start))
        {
            if (moments.Count > 0 && segment.Start <= end + o.MergeGapSeconds && Math.Max(end, segment.End) - start <= o.MaxLengthSeconds)
            {
                moments[^1].Add(segment);
                end = Math.Max(end, segment.End);
                continue;
            }

            moments.Add([segment]);
            (start, end) = (segment.Start, segment.End);
        }

        return moments;
    }

    private static Moment Bound(List<Segment> segments, SignalTrack[] tracks, double[] weights, double duration, DetectionOptions o)
    {
        var values = new double[tracks.Length];
        foreach (var segment in segments)
        {
            values[(int)segment.Signal] = Math.Max(values[(int)segment.Signal], segment.Peak);
        }

        var score = values.Select((v, i) => v * weights[i]).Sum();
        var anchor = segments.MaxBy(s => s.Peak * weights[(int)s.Signal])!.PeakAt;
        var start = segments.Min(s => s.Start) - o.PreRollSeconds;
        var end = segments.Max(s => s.End) + o.PostRollSeconds;
        if (end - start > o.MaxLengthSeconds)
        {
            // Keep the strongest signal's peak well inside: the moment itself, then its aftermath.
            start = Math.Max(start, anchor - o.PreRollSeconds - o.MaxLengthSeconds / 3);
            end = start + o.MaxLengthSeconds;
        }

        end = Math.Max(end, start + o.MinLengthSeconds);
        var length = end - start;
        if (start < 0)
        {
            (start, end) = (0, Math.Min(duration, length));
        }

        if (end > duration)
        {
            (start, end) = (Math.Max(0, duration - length), duration);
        }

        return new Moment(start, end, score, values, Math.Clamp(anchor, start, end), segments);
    }

    /// <summary>The moment as it fits beside those already taken: trimmed away from them, or null when too little is left.</summary>
    private static Moment? FitBeside(Moment moment, List<Moment> taken, double minLength)
    {
        var (start, end) = (moment.Start, moment.End);
        foreach (var other in taken.Where(t => t.Start < end && t.End > start))
        {
            if (other.Start <= moment.Anchor && moment.Anchor <= other.End)
            {
                return null;
            }

            if (moment.Anchor < other.Start)
            {
                end = other.Start;
            }
            else
            {
                start = other.End;
            }
        }

        return end - start >= Math.Min(minLength, moment.End - moment.Start) - 1e-6 ? moment with { Start = start, End = end } : null;
    }

    private static SignalBreakdown Breakdown(double[] values) => new()
    {
        Chat = Math.Round(values[(int)Signal.Chat], 3),
        Events = Math.Round(values[(int)Signal.Events], 3),
        Transcript = Math.Round(values[(int)Signal.Transcript], 3),
        Audio = Math.Round(values[(int)Signal.Audio], 3),
    };

    private static string Explain(Moment moment, SignalTrack[] tracks, double[] weights)
    {
        var reasons = moment.Segments
            .GroupBy(s => s.Signal)
            .OrderByDescending(g => g.Max(s => s.Peak) * weights[(int)g.Key])
            .Select(g => tracks[(int)g.Key].Describe(g.Min(s => s.From), g.Max(s => s.To)))
            .OfType<string>();
        var text = string.Join("; ", reasons);
        return text.Length <= 1000 ? text : text[..999] + "…";
    }

    /// <param name="From">First second of the run on its track.</param>
    /// <param name="Start">Where the moment starts (lead-in applied).</param>
    /// <param name="PeakAt">When the moment peaks (lead-in applied).</param>
    private sealed record Segment(Signal Signal, int From, int To, double Start, double End, float Peak, double PeakAt);

    private sealed record Moment(double Start, double End, double Score, double[] Values, double Anchor, List<Segment> Segments);
}
