using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Refinement;

/// <summary>
/// One highlight's iterations: each feeds the previous proposal back to the backend, until the bounds move less than
/// Refinement:SettleSeconds, the verdict is "not a clip", an error stops it, or Refinement:MaxIterations is reached.
/// Each iteration is handed out as a history row (with its input, raw answer, timing and error) before the next starts.
/// </summary>
internal sealed class RefinementIterations(IRefinementBackend backend, RefinementSubject subject, RefinementWindow window, RefinementOptions options)
{
    private const int MaxRawChars = 32_000;

    public async Task<IterationsOutcome> RunAsync(Func<RefinementAttempt, Task> save, CancellationToken cancellationToken)
    {
        // A highlight may run past the end of the video (detection's moment plus its tail); backends start inside it.
        var (start, end) = (Math.Max(subject.DetectedStart, window.Start), Math.Min(subject.DetectedEnd, window.End));
        RefinementProposal? last = null;
        for (var iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            var input = new RefinementInput(subject, iteration, start, end, window);
            var clock = Stopwatch.StartNew();
            RefinementProposal? proposal = null;
            string? error = null;
            string? raw = null;
            try
            {
                proposal = Checked(await backend.ProposeAsync(input, cancellationToken));
                raw = proposal.RawResponse;
            }
            catch (RefinementBackendException e)
            {
                (error, raw) = (e.Message, e.RawResponse);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                error = $"unexpected error: {e.GetType().Name}: {e.Message}";
            }

            await save(new RefinementAttempt
            {
                Iteration = iteration,
                Backend = backend.Name,
                InputSummary = Summarize(input),
                RawResponse = raw is { Length: > MaxRawChars } ? raw[..MaxRawChars] : raw,
                ProposedStart = proposal?.Start,
                ProposedEnd = proposal?.End,
                IsClipable = proposal?.IsClipable,
                Confidence = proposal?.Confidence,
                Reason = Clip(proposal?.Reason, 2000),
                DurationMs = (int)clock.ElapsedMilliseconds,
                Error = Clip(error, 2000),
            });

            if (error is not null)
            {
                return new IterationsOutcome(last, error, iteration);
            }

            var settled = Math.Abs(proposal!.Start - start) <= options.SettleSeconds && Math.Abs(proposal.End - end) <= options.SettleSeconds;
            (start, end, last) = (proposal.Start, proposal.End, proposal);
            if (settled || !proposal.IsClipable)
            {
                return new IterationsOutcome(last, null, iteration);
            }
        }

        return new IterationsOutcome(last, null, options.MaxIterations);
    }

    /// <summary>A proposal the refiner can apply: finite, ordered, inside the window and the stream; confidence 0..1.</summary>
    private RefinementProposal Checked(RefinementProposal p)
    {
        const double slack = 0.5;
        if (!double.IsFinite(p.Start) || !double.IsFinite(p.End) || !double.IsFinite(p.Confidence))
        {
            throw new RefinementBackendException($"{backend.Name} answered with a number that is not finite.", p.RawResponse);
        }

        if (p.End <= p.Start || p.Start < window.Start - slack || p.End > window.End + slack)
        {
            throw new RefinementBackendException(Inv($"{backend.Name} proposed {p.Start:0.##}–{p.End:0.##} s, which is not a range inside the window {window.Start:0.##}–{window.End:0.##} s."), p.RawResponse);
        }

        var limit = window.SourceDuration > 0 ? window.SourceDuration : double.MaxValue;
        return p with
        {
            Start = Math.Round(Math.Clamp(p.Start, 0, limit), 3),
            End = Math.Round(Math.Clamp(p.End, 0, limit), 3),
            Confidence = Math.Round(Math.Clamp(p.Confidence, 0, 1), 3),
            Reason = Clip(p.Reason.Trim(), 1000) ?? "",
        };
    }

    private static string Summarize(RefinementInput input)
    {
        var w = input.Window;
        return Inv($"bounds {input.Start:0.##}–{input.End:0.##} s; window {w.Start:0.##}–{w.End:0.##} s; {w.Transcript.Count} transcript cues, {w.Chat.Count}/{w.ChatTotal} chat lines, {w.Events.Count} events; ")
            + (w.Curves is null ? "no signal curves; " : "signal curves; ")
            + (w.Loudness is null ? "loudness not measured; " : "cached loudness; ")
            + (w.Media.HasSource ? "source video" : "no source video");
    }

    private static string? Clip(string? text, int max) => text is { Length: > 0 } t && t.Length > max ? t[..(max - 1)] + "…" : text;

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
