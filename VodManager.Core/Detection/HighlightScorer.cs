using Microsoft.Extensions.Options;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Detection;

/// <summary>
/// Merges the four signals into ranked, non-overlapping highlights. Each signal's runs of non-zero seconds become
/// segments (chat's are the chat model's confident peaks, already placed where the moment starts); segments closer
/// than <see cref="DetectionOptions.MergeGapSeconds"/> form one moment; a moment's score is Σ weight × (its best
/// value of each signal), so a raid that chat also reacts to outranks either alone. Moments from MinScore on are
/// taken best first, trimmed away from those already taken and kept <see cref="DetectionOptions.SeparationSeconds"/>
/// apart; when fewer than asked are confident, the chat model's next-best peaks fill the list, marked weak.
/// </summary>
public sealed class HighlightScorer(IOptions<DetectionOptions> options)
{
    private const int RunGapSeconds = 2;
    private const int ReactionSeconds = 5;

    private enum Signal
    {
        Chat,
        Events,
        Transcript,
        Audio,
    }

    /// <param name="topN">How many highlights; null for <see cref="DetectionOptions.TopN"/>.</param>
    /// <param name="model">The channel's chat model; null for the shipped default.</param>
    public DetectionOutcome Score(DetectionInput input, int? topN = null, ChatModel? model = null)
    {
        var o = options.Value;
        var limit = topN ?? o.TopN;
        var duration = input.DurationSeconds;
        var tracks = Tracks(input, (int)Math.Ceiling(duration), model ?? ChatModel.Default);
        var weights = new[] { o.Weights.Chat, o.Weights.Events, o.Weights.Transcript, o.Weights.Audio };
        // Each pick keeps others out of less than 2 × separation around it, so N always fit once the stream is 2·N·separation long.
        var separation = Math.Min(o.SeparationSeconds, duration / (2.0 * Math.Max(1, limit)));

        var moments = Merge(Segments(tracks, weights), o)
            .Select(m => Bound(m, tracks, weights, duration, o))
            .Where(m => m.Score >= o.MinScore)
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.Start);

        var taken = new List<Moment>();
        foreach (var moment in moments.Concat(Weak(tracks, weights, duration, o)))
        {
            if (taken.Count == limit)
            {
                break;
            }

            if (FitBeside(moment, taken, o.MinLengthSeconds) is { } fitted && taken.All(t => Math.Abs(t.Start - fitted.Start) >= separation - 1e-6))
            {
                taken.Add(fitted);
            }
        }

        var highlights = taken
            .Select((m, i) => new DetectedHighlight(i + 1, Math.Round(m.Start, 2), Math.Round(m.End, 2), Math.Round(m.Score, 3), Breakdown(m.Values), Explain(m, tracks, weights), Math.Round(m.Confidence, 3), m.IsWeak))
            .ToList();
        return new DetectionOutcome(highlights, CurvesOf(input, tracks));
    }

    /// <summary>The per-second curves alone (for the editor's minimap and refinement), without ranking.</summary>
    public SignalCurves Curves(DetectionInput input, ChatModel? model = null) =>
        CurvesOf(input, Tracks(input, (int)Math.Ceiling(input.DurationSeconds), model ?? ChatModel.Default));

    private SignalTrack[] Tracks(DetectionInput input, int seconds, ChatModel model)
    {
        var o = options.Value;
        SignalTrack events = EventSignal.Compute(input.Events, seconds, o);
        SignalTrack transcript = TranscriptSignal.Compute(input.Transcript, seconds, o);
        SignalTrack audio = AudioEnergySignal.Compute(input.Loudness, seconds, o);
        var reference = new float[seconds];
        foreach (var (track, weight) in new[] { (events, o.Weights.Events), (transcript, o.Weights.Transcript), (audio, o.Weights.Audio) })
        {
            for (var s = 0; s < seconds && weight > 0; s++)
            {
                reference[s] += track.Values[s];
            }
        }

        return [ChatModelSignal.Compute(input.Chat, seconds, model, reference, input.Events.Select(e => e.OffsetSeconds), o.Chat), events, transcript, audio];
    }

    private static SignalCurves CurvesOf(DetectionInput input, SignalTrack[] tracks)
    {
        var seconds = tracks[0].Values.Length;
        var messages = new float[seconds];
        if (input.Chat is { } chat)
        {
            chat.Messages[..Math.Min(seconds, chat.Seconds)].CopyTo(messages);
        }

        // Drawn where chat reacts, over the burst that made each confident peak, beside the heat strip of lines.
        var model = (ChatModelSignal)tracks[0];
        var chatCurve = new float[seconds];
        for (var s = 0; s < seconds; s++)
        {
            if (model.Values[s] > 0)
            {
                var at = model.Reaction(s);
                for (var t = Math.Max(0, at); t < Math.Min(seconds, at + ReactionSeconds); t++)
                {
                    chatCurve[t] = Math.Max(chatCurve[t], model.Values[s]);
                }
            }
        }

        return new SignalCurves(seconds, messages, chatCurve, tracks[1].Values, tracks[2].Values, tracks[3].Values, Lift(model.Probability, seconds));
    }

    /// <summary>The probability above its median, rescaled to 0..1 (all zero without chat).</summary>
    private static float[] Lift(float[] probability, int seconds)
    {
        var lift = new float[seconds];
        var n = Math.Min(seconds, probability.Length);
        if (n == 0)
        {
            return lift;
        }

        var sorted = probability[..n];
        Array.Sort(sorted);
        var median = sorted[n / 2];
        for (var s = 0; s < n && median < 1; s++)
        {
            lift[s] = Math.Max(0, (probability[s] - median) / (1 - median));
        }

        return lift;
    }

    /// <summary>
    /// The candidates that fill the list when too few moments are confident: the chat model's peaks below
    /// StrongProbability (or, without chat, what the other signals show), best first, each marked weak.
    /// </summary>
    private static IEnumerable<Moment> Weak(SignalTrack[] tracks, double[] weights, double duration, DetectionOptions o)
    {
        var chat = (ChatModelSignal)tracks[0];
        var hasChat = chat.Probability.Any(p => p > 0);
        var series = hasChat
            ? chat.Probability
            : Enumerable.Range(0, chat.Probability.Length).Select(s => (float)tracks.Skip(1).Select((t, i) => t.Values[s] * weights[i + 1]).Sum()).ToArray();
        var radius = Math.Max(1, (int)(o.MinLengthSeconds / 2));
        var peaks = Enumerable.Range(0, series.Length)
            .Where(s => series[s] > 0 && ChatModelSignal.IsPeak(series, s, radius))
            .OrderByDescending(s => series[s])
            .ThenBy(s => s);
        foreach (var peak in peaks)
        {
            var values = new double[tracks.Length];
            values[0] = hasChat ? series[peak] : 0;
            var segment = new Segment(hasChat ? Signal.Chat : Signal.Events, peak, peak, peak, peak + (hasChat ? chat.TailSeconds : 0), series[peak], peak);
            var bounded = Bound([segment], tracks, weights, duration, o);
            yield return bounded with { Values = values, Score = hasChat ? weights[0] * series[peak] : series[peak], Confidence = hasChat ? chat.WeakConfidence(peak) : Math.Min(1, series[peak]), IsWeak = true };
        }
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

        // Each signal's value is its own 0..1 belief; any one of them makes the moment.
        var confidence = 1 - values.Where((v, i) => weights[i] > 0).Aggregate(1.0, (rest, v) => rest * (1 - Math.Clamp(v, 0, 1)));
        return new Moment(start, end, score, values, Math.Clamp(anchor, start, end), segments, confidence, false);
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
        var text = (moment.IsWeak ? "weak: " : "") + string.Join("; ", reasons);
        return text.Length <= 1000 ? text : text[..999] + "…";
    }

    /// <param name="From">First second of the run on its track.</param>
    /// <param name="Start">Where the moment starts (lead-in applied).</param>
    /// <param name="PeakAt">When the moment peaks (lead-in applied).</param>
    private sealed record Segment(Signal Signal, int From, int To, double Start, double End, float Peak, double PeakAt);

    private sealed record Moment(double Start, double End, double Score, double[] Values, double Anchor, List<Segment> Segments, double Confidence, bool IsWeak);
}
