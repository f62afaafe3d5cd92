namespace VodManager.Core.Detection;

/// <summary>
/// Fits a <see cref="ChatModel"/> by Newton's method on the L2-penalised log-likelihood (seven unknowns, so each step
/// is a 7×7 solve). Without a prior the features are standardised on the examples and the penalty pulls towards
/// zero; with one (a channel's refit) its scaling is kept and the penalty pulls towards its weights, so a few dozen
/// decisions adjust the default instead of replacing it.
/// </summary>
public static class ChatModelTrainer
{
    private const int MaxSteps = 30;

    /// <param name="examples">Each example's features (in <see cref="ChatFeatures.Names"/> order) and label.</param>
    /// <param name="penalty">L2 strength per example-weight unit; larger keeps closer to the prior.</param>
    public static ChatModel Fit(IReadOnlyList<(double[] Features, bool Positive)> examples, int window, int delay, ChatModel? prior, double penalty, ChatModelFigures figures)
    {
        var n = ChatFeatures.Names.Count;
        if (examples.Count == 0)
        {
            throw new ArgumentException("There are no examples to fit the chat model on.", nameof(examples));
        }

        var (mean, scale) = prior is null ? Standardisation(examples, n) : (prior.Mean, prior.Scale);
        var anchor = prior is null ? new double[n + 1] : [.. prior.Weights, prior.Bias];
        var beta = (double[])anchor.Clone();
        var z = examples.Select(e => Enumerable.Range(0, n).Select(f => (e.Features[f] - mean[f]) / scale[f]).Append(1.0).ToArray()).ToArray();
        var lambda = penalty * examples.Count;
        for (var step = 0; step < MaxSteps; step++)
        {
            var gradient = new double[n + 1];
            var hessian = new double[n + 1, n + 1];
            for (var i = 0; i < z.Length; i++)
            {
                var p = ChatModel.Sigmoid(Dot(beta, z[i]));
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

        return new ChatModel(window, delay, ChatFeatures.Names, mean, scale, beta[..n], beta[n], figures);
    }

    /// <summary>
    /// A channel's model: the prior refitted on its editors' decisions (or any labelled streams), its scaling kept and
    /// its weights pulled back towards the prior by <paramref name="penalty"/>.
    /// </summary>
    public static ChatModel Refit(ChatModel prior, IReadOnlyList<LabelledChat> streams, ChatOptions options, double penalty, string trainedOn, DateTimeOffset now)
    {
        var examples = streams
            .SelectMany(s => Examples(ChatFeatures.Compute(s.Chat, s.Seconds, prior.WindowSeconds, prior.DelaySeconds, options), s.Positives, s.Negatives))
            .ToList();
        var figures = new ChatModelFigures(trainedOn, examples.Count, examples.Count(e => e.Positive), null, null, now);
        return Fit(examples, prior.WindowSeconds, prior.DelaySeconds, prior, penalty, figures);
    }

    /// <summary>
    /// A labelled stream's seconds as examples: positive where a highlight starting there would be right for a positive
    /// moment; negative inside a negative one, or (without negatives) everywhere else.
    /// </summary>
    public static IEnumerable<(double[] Features, bool Positive)> Examples(ChatFeatures features, IReadOnlyList<(double Start, double End)> positives, IReadOnlyList<(double Start, double End)>? negatives = null, int stride = 1)
    {
        for (var s = 0; s < features.Seconds; s += stride)
        {
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

    private static (double[] Mean, double[] Scale) Standardisation(IReadOnlyList<(double[] Features, bool Positive)> examples, int n)
    {
        var mean = new double[n];
        var scale = new double[n];
        for (var f = 0; f < n; f++)
        {
            mean[f] = examples.Average(e => e.Features[f]);
            var m = mean[f];
            scale[f] = Math.Max(1e-6, Math.Sqrt(examples.Average(e => (e.Features[f] - m) * (e.Features[f] - m))));
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
