namespace VodManager.Core.Detection;

/// <summary>
/// Whether a channel's decisions should replace the default chat model, and with what. Candidate refits (the channel's
/// own chat delay, tried from 0 to <see cref="ChatOptions.MaxLagSeconds"/> besides the default's, and two prior
/// strengths) are scored by cross-validation inside the channel's decisions: each fold's decisions are ranked by a
/// model fitted without them, and a candidate's figure is how often a held-out kept highlight ranks over a held-out
/// dismissed one. The default ranks the same decisions; the best candidate replaces it only when it does clearly
/// better, so a channel whose decisions teach nothing keeps the default instead of a model fitted to their noise.
/// </summary>
public static class ChannelRefit
{
    private const int Folds = 5;
    private const int DelayStep = 5;

    /// <summary>A fully labelled stream's unlabelled time counts as wrong highlights of this length, for scoring.</summary>
    private const int NegativeSeconds = 60;

    /// <summary>The prior's pull: the benchmark's default strength and a ten times firmer one (fewer decisions, less to move).</summary>
    private static readonly double[] Penalties = [ChatModelTrainer.ChannelPenalty, 10 * ChatModelTrainer.ChannelPenalty];

    /// <returns>The tuned model, or null when the default ranks the held-out decisions about as well; and both held-out figures.</returns>
    public static (ChatModel? Model, double? DefaultAgreement, double? TunedAgreement) Fit(ChatModel prior, IReadOnlyList<LabelledChat> streams, ChatOptions options, string trainedOn, DateTimeOffset now)
    {
        var units = Units(streams);
        var features = new Dictionary<int, List<ChatFeatures>>();
        List<ChatFeatures> At(int delay) => features.TryGetValue(delay, out var f)
            ? f
            : features[delay] = [.. streams.Select(s => ChatFeatures.Compute(s.Chat, s.Seconds, prior.WindowSeconds, delay, options))];

        var usual = At(prior.DelaySeconds);
        var byDefault = Agreement(units, u => ChatModelTrainer.Best(prior, usual[u.Stream], u.Range));
        (int Delay, double Penalty, double? Agreement)? best = null;
        foreach (var delay in Delays(prior, options))
        {
            foreach (var penalty in Penalties)
            {
                var scores = new double[units.Count];
                for (var fold = 0; fold < Math.Min(Folds, units.Count); fold++)
                {
                    var heldOut = units.Where(u => u.Index % Folds == fold).ToList();
                    var examples = streams.SelectMany((s, i) => ChatModelTrainer.Examples(At(delay)[i], s.Positives, s.Negatives,
                        leaveOut: second => heldOut.Any(u => u.Stream == i && HighlightMetric.IsRight(second, u.Range)))).ToList();
                    if (!examples.Any(e => e.Positive))
                    {
                        continue;
                    }

                    var model = ChatModelTrainer.Fit(examples, prior.Features, prior.WindowSeconds, delay, prior, penalty, prior.Figures);
                    foreach (var u in heldOut)
                    {
                        scores[u.Index] = ChatModelTrainer.Best(model, At(delay)[u.Stream], u.Range);
                    }
                }

                var agreement = Agreement(units, u => scores[u.Index]);
                if (best is null || agreement > best.Value.Agreement + 1e-9)
                {
                    best = (delay, penalty, agreement);
                }
            }
        }

        // A few dozen decisions rank noisily: the tuned model must beat the default by more than an agreement's
        // standard error can be (at its widest, 0.5 agreement) over this many kept and dismissed highlights.
        var noise = Math.Sqrt(0.25 / Math.Max(1, Math.Min(units.Count(u => u.Positive), units.Count(u => !u.Positive))));
        if (best is not { Agreement: { } tuned } chosen || !(tuned > byDefault + noise))
        {
            return (null, byDefault, best?.Agreement);
        }

        return (ChatModelTrainer.Refit(prior, streams, options, chosen.Delay, chosen.Penalty, trainedOn, now), byDefault, tuned);
    }

    private static IEnumerable<int> Delays(ChatModel prior, ChatOptions options) =>
        Enumerable.Range(0, (int)options.MaxLagSeconds / DelayStep + 1).Select(i => i * DelayStep).Prepend(prior.DelaySeconds).Distinct();

    private static double? Agreement(List<Unit> units, Func<Unit, double> score) =>
        ChatModelTrainer.Auc([.. units.Where(u => u.Positive).Select(score)], [.. units.Where(u => !u.Positive).Select(score)]);

    /// <summary>
    /// The decisions as units of cross-validation, interleaved across streams and kinds by their index: each kept and
    /// dismissed highlight; for a fully labelled stream, each labelled moment and each stretch of unlabelled time.
    /// </summary>
    private static List<Unit> Units(IReadOnlyList<LabelledChat> streams)
    {
        var units = new List<(int Stream, (double, double) Range, bool Positive)>();
        for (var i = 0; i < streams.Count; i++)
        {
            var s = streams[i];
            units.AddRange(s.Positives.Select(m => (i, m, true)));
            if (s.Negatives is { } negatives)
            {
                units.AddRange(negatives.Select(m => (i, m, false)));
                continue;
            }

            // A stretch is wrong where no start in it would be right (IsRight's early margin counted back in).
            for (var from = 0; from + NegativeSeconds <= s.Seconds; from += NegativeSeconds)
            {
                var range = (from + HighlightMetric.EarlySeconds, (double)from + NegativeSeconds - 1);
                if (!Enumerable.Range(from, NegativeSeconds).Any(t => s.Positives.Any(m => HighlightMetric.IsRight(t, m))))
                {
                    units.Add((i, range, false));
                }
            }
        }

        return [.. units.Select((u, index) => new Unit(index, u.Stream, u.Range, u.Positive))];
    }

    private sealed record Unit(int Index, int Stream, (double Start, double End) Range, bool Positive);
}
