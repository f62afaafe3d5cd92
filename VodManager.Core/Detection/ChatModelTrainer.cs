namespace VodManager.Core.Detection;

/// <summary>
/// Fits a <see cref="ChatModel"/> by Newton's method on the L2-penalised log-likelihood (a weight per feature and the
/// intercept, so each step is a small solve). Without a prior the features are standardised on the examples and the penalty pulls towards
/// zero; with one (a channel's refit) its scaling and boosted stumps are kept and the penalty pulls towards its
/// weights, so a few dozen decisions adjust the default's line instead of replacing it.
/// </summary>
public static class ChatModelTrainer
{
    private const int MaxSteps = 30;

    /// <summary>How strongly a channel's refit stays near its prior (L2 per example); the product and the benchmark share it.</summary>
    public const double ChannelPenalty = 0.01;

    /// <param name="examples">Each example's features (all of <see cref="ChatFeatures.Names"/>, in order) and label.</param>
    /// <param name="features">The features the model uses; a prior's own when there is one.</param>
    /// <param name="penalty">L2 strength per example-weight unit; larger keeps closer to the prior.</param>
    public static ChatModel Fit(IReadOnlyList<(double[] Features, bool Positive)> examples, IReadOnlyList<string> features, int window, int delay, ChatModel? prior, double penalty, ChatModelFigures figures)
    {
        if (examples.Count == 0)
        {
            throw new ArgumentException("There are no examples to fit the chat model on.", nameof(examples));
        }

        features = prior?.Features ?? features;
        var columns = features.Select(ChatFeatures.Column).ToArray();
        var n = columns.Length;
        var x = examples.Select(e => columns.Select(c => e.Features[c]).ToArray()).ToArray();
        var (mean, scale) = prior is null ? Standardisation(x, n) : (prior.Mean, prior.Scale);
        var anchor = prior is null ? new double[n + 1] : [.. prior.Weights, prior.Bias];
        var beta = (double[])anchor.Clone();
        var z = x.Select(e => Enumerable.Range(0, n).Select(f => (e[f] - mean[f]) / scale[f]).Append(1.0).ToArray()).ToArray();

        // A prior's stumps stay as they are: the line is refitted around them.
        var offset = examples.Select(e => prior?.StumpLogOdds(e.Features) ?? 0).ToArray();
        var lambda = penalty * examples.Count;
        for (var step = 0; step < MaxSteps; step++)
        {
            var gradient = new double[n + 1];
            var hessian = new double[n + 1, n + 1];
            for (var i = 0; i < z.Length; i++)
            {
                var p = ChatModel.Sigmoid(Dot(beta, z[i]) + offset[i]);
                var error = p - (examples[i].Positive ? 1 : 0);
                var w = Math.Max(p * (1 - p), 1e-9);
                for (var a = 0; a <= n; a++)
                {
                    gradient[a] += error * z[i][a];
                    for (var b = 0; b <= n; b++)
                    {
                        hessian[a, b] += w * z[i][a] * z[i][b];
                    }
                }
            }

            // The intercept is not penalised: the base rate is the data's.
            for (var a = 0; a < n; a++)
            {
                gradient[a] += lambda * (beta[a] - anchor[a]);
                hessian[a, a] += lambda;
            }

            hessian[n, n] += 1e-9;
            var delta = Solve(hessian, gradient);
            var moved = 0.0;
            for (var a = 0; a <= n; a++)
            {
                beta[a] -= delta[a];
                moved = Math.Max(moved, Math.Abs(delta[a]));
            }

            if (moved < 1e-6)
            {
                break;
            }
        }

        return new ChatModel(window, delay, [.. features], mean, scale, beta[..n], beta[n], figures, prior?.Stumps);
    }

    /// <summary>
    /// Gradient-boosted stumps on top of <paramref name="start"/>'s log-odds (Newton steps on the log-likelihood, one
    /// split of one of its features per round, at one of that feature's quantiles): what a straight line in each
    /// feature misses, such as a push that saturates or only starts past a level. Each stump is centred on the examples
    /// (its mean goes to the intercept) and stumps on the same split are merged, so the model stays small data.
    /// </summary>
    /// <param name="shrinkage">Each round's step is scaled by this (smaller: smoother, more rounds needed).</param>
    /// <param name="leafPenalty">Added to each side's Hessian sum: sides with few examples move little.</param>
    public static ChatModel Boost(ChatModel start, IReadOnlyList<(double[] Features, bool Positive)> examples, int rounds, double shrinkage, double leafPenalty)
    {
        var features = start.Features;
        const int Quantiles = 32;
        var n = examples.Count;
        var columns = features.Select(ChatFeatures.Column).ToArray();
        var thresholds = columns.Select(c =>
        {
            var sorted = examples.Select(e => e.Features[c]).Order().ToArray();
            return Enumerable.Range(1, Quantiles - 1).Select(q => sorted[q * n / Quantiles]).Distinct().ToArray();
        }).ToArray();
        var bins = columns.Select((c, f) => examples.Select(e => UpperBound(thresholds[f], e.Features[c])).ToArray()).ToArray();
        var score = examples.Select(e => start.LogOdds(e.Features)).ToArray();
        var bias = start.Bias;
        var stumps = new Dictionary<(int Feature, int Split), (double Below, double Above)>();
        var (gradient, hessian) = (new double[n], new double[n]);
        for (var round = 0; round < rounds; round++)
        {
            var (g, h) = (0.0, 0.0);
            for (var i = 0; i < n; i++)
            {
                var p = ChatModel.Sigmoid(score[i]);
                gradient[i] = p - (examples[i].Positive ? 1 : 0);
                hessian[i] = Math.Max(p * (1 - p), 1e-9);
                (g, h) = (g + gradient[i], h + hessian[i]);
            }

            (int Feature, int Split, double Gain, double Below, double Above)? best = null;
            for (var f = 0; f < columns.Length; f++)
            {
                var (gBin, hBin) = (new double[thresholds[f].Length + 1], new double[thresholds[f].Length + 1]);
                for (var i = 0; i < n; i++)
                {
                    gBin[bins[f][i]] += gradient[i];
                    hBin[bins[f][i]] += hessian[i];
                }

                var (gLeft, hLeft) = (0.0, 0.0);
                for (var k = 0; k < thresholds[f].Length; k++)
                {
                    (gLeft, hLeft) = (gLeft + gBin[k], hLeft + hBin[k]);
                    var (gRight, hRight) = (g - gLeft, h - hLeft);
                    var gain = gLeft * gLeft / (hLeft + leafPenalty) + gRight * gRight / (hRight + leafPenalty) - g * g / (h + leafPenalty);
                    if (best is null || gain > best.Value.Gain)
                    {
                        best = (f, k, gain, -shrinkage * gLeft / (hLeft + leafPenalty), -shrinkage * gRight / (hRight + leafPenalty));
                    }
                }
            }

            if (best is not { } split)
            {
                break;
            }

            var below = 0;
            for (var i = 0; i < n; i++)
            {
                var isBelow = bins[split.Feature][i] <= split.Split;
                below += isBelow ? 1 : 0;
                score[i] += isBelow ? split.Below : split.Above;
            }

            var mean = (below * split.Below + (n - below) * split.Above) / n;
            bias += mean;
            var merged = stumps.GetValueOrDefault((split.Feature, split.Split));
            stumps[(split.Feature, split.Split)] = (merged.Below + split.Below - mean, merged.Above + split.Above - mean);
        }

        return start with
        {
            Bias = bias,
            Stumps = [.. (start.Stumps ?? []).Concat(stumps.OrderBy(s => s.Key.Feature).ThenBy(s => s.Key.Split)
                .Select(s => new ChatStump(features[s.Key.Feature], thresholds[s.Key.Feature][s.Key.Split], s.Value.Below, s.Value.Above)))],
        };
    }

    /// <summary>How many of the sorted <paramref name="thresholds"/> are at or below <paramref name="value"/>.</summary>
    private static int UpperBound(double[] thresholds, double value)
    {
        var (lo, hi) = (0, thresholds.Length);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            (lo, hi) = thresholds[mid] <= value ? (mid + 1, hi) : (lo, mid);
        }

        return lo;
    }

    /// <summary>
    /// A channel's model: the prior refitted on its editors' decisions (or any labelled streams) with the channel's own
    /// chat delay, its scaling kept and its weights pulled back towards the prior by <paramref name="penalty"/>
    /// (<see cref="ChannelRefit"/> chooses both by cross-validation).
    /// </summary>
    public static ChatModel Refit(ChatModel prior, IReadOnlyList<LabelledChat> streams, ChatOptions options, int delay, double penalty, string trainedOn, DateTimeOffset now)
    {
        var features = streams.Select(s => ChatFeatures.Compute(s.Chat, s.Seconds, prior.WindowSeconds, delay, options)).ToList();
        var examples = streams.SelectMany((s, i) => Examples(features[i], s.Positives, s.Negatives)).ToList();
        var figures = new ChatModelFigures(trainedOn, examples.Count, examples.Count(e => e.Positive), null, null, now, penalty);
        var fitted = Fit(examples, prior.Features, prior.WindowSeconds, delay, prior, penalty, figures);

        // Editors judge candidates, mostly good ones, so their decisions say nothing of how rare a highlight second is
        // and the fitted intercept is no base rate: keep the prior's mean log-odds over the channel's seconds (read at
        // the prior's own delay), so a tuned model changes which chat ranks high, not how many candidates count as confident.
        var usual = streams.Select(s => ChatFeatures.Compute(s.Chat, s.Seconds, prior.WindowSeconds, prior.DelaySeconds, options)).ToList();
        var seconds = Math.Max(1, features.Sum(f => f.Seconds));
        var shift = (usual.Sum(f => Enumerable.Range(0, f.Seconds).Sum(s => prior.LogOdds(f, s))) - features.Sum(f => Enumerable.Range(0, f.Seconds).Sum(s => fitted.LogOdds(f, s)))) / seconds;
        return fitted with { Bias = fitted.Bias + shift };
    }

    /// <summary>
    /// How well a model follows decisions: the share of (right, wrong) highlight pairs where the right one's best
    /// log-odds (over the seconds a start would be right) is above the wrong one's; null without both kinds.
    /// </summary>
    public static double? Agreement(ChatModel model, IReadOnlyList<LabelledChat> streams, ChatOptions options)
    {
        var (right, wrong) = (new List<double>(), new List<double>());
        foreach (var stream in streams)
        {
            var features = ChatFeatures.Compute(stream.Chat, stream.Seconds, model.WindowSeconds, model.DelaySeconds, options);
            right.AddRange(stream.Positives.Select(m => Best(model, features, m)));
            wrong.AddRange((stream.Negatives ?? []).Select(m => Best(model, features, m)));
        }

        return Auc(right, wrong);
    }

    /// <summary>The share of (right, wrong) pairs where the right one scores higher (ties half); null without both kinds.</summary>
    public static double? Auc(IReadOnlyList<double> right, IReadOnlyList<double> wrong) =>
        right.Count == 0 || wrong.Count == 0
            ? null
            : right.Sum(r => wrong.Sum(w => r > w ? 1.0 : r == w ? 0.5 : 0)) / (right.Count * wrong.Count);

    /// <summary>A model's best log-odds over the seconds a highlight would be right for <paramref name="moment"/>.</summary>
    public static double Best(ChatModel model, ChatFeatures features, (double Start, double End) moment)
    {
        var last = features.Seconds - 1;
        var from = Math.Clamp((int)Math.Floor(moment.Start - HighlightMetric.EarlySeconds), 0, last);
        var to = Math.Clamp((int)moment.End, from, last);
        return Enumerable.Range(from, to - from + 1).Max(s => model.LogOdds(features, s));
    }

    /// <summary>
    /// A labelled stream's seconds as examples: positive where a highlight starting there would be right for a positive
    /// moment; negative inside a negative one, or (without negatives) everywhere else.
    /// </summary>
    /// <param name="leaveOut">Seconds held out (a cross-validation fold), or null.</param>
    public static IEnumerable<(double[] Features, bool Positive)> Examples(ChatFeatures features, IReadOnlyList<(double Start, double End)> positives, IReadOnlyList<(double Start, double End)>? negatives = null, int stride = 1, Func<int, bool>? leaveOut = null)
    {
        for (var s = 0; s < features.Seconds; s += stride)
        {
            if (leaveOut?.Invoke(s) == true)
            {
                continue;
            }

            var positive = positives.Any(m => HighlightMetric.IsRight(s, m));
            if (!positive && negatives is not null && !negatives.Any(m => HighlightMetric.IsRight(s, m)))
            {
                continue;
            }

            var x = new double[features.Count];
            features.CopyTo(s, x);
            yield return (x, positive);
        }
    }

    private static (double[] Mean, double[] Scale) Standardisation(double[][] examples, int n)
    {
        var mean = new double[n];
        var scale = new double[n];
        for (var f = 0; f < n; f++)
        {
            mean[f] = examples.Average(e => e[f]);
            var m = mean[f];
            scale[f] = Math.Max(1e-6, Math.Sqrt(examples.Average(e => (e[f] - m) * (e[f] - m))));
        }

        return (mean, scale);
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>Gaussian elimination with partial pivoting (the matrix is small, symmetric and positive definite).</summary>
    private static double[] Solve(double[,] matrix, double[] vector)
    {
        var n = vector.Length;
        var a = (double[,])matrix.Clone();
        var b = (double[])vector.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = Enumerable.Range(col, n - col).MaxBy(r => Math.Abs(a[r, col]));
            for (var k = 0; k < n; k++)
            {
                (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]);
            }

            (b[col], b[pivot]) = (b[pivot], b[col]);
            for (var r = col + 1; r < n; r++)
            {
                var factor = a[r, col] / a[col, col];
                for (var k = col; k < n; k++)
                {
                    a[r, k] -= factor * a[col, k];
                }

                b[r] -= factor * b[col];
            }
        }

        var x = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var sum = b[r];
            for (var k = r + 1; k < n; k++)
            {
                sum -= a[r, k] * x[k];
            }

            x[r] = sum / a[r, r];
        }

        return x;
    }
}
