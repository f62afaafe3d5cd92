using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VodManager.Core.Detection;

/// <summary>
/// A logistic regression over <see cref="ChatFeatures"/>: the probability that a highlight starting at a second is
/// right, given the chat that reacts to it. Small on purpose (a few standardised features, the subset of
/// <see cref="ChatFeatures.Names"/> chosen by cross-validation), so it carries from the streams it was fitted on to others. The default ships embedded (chat-model.json, written by the benchmark's
/// `train-detector` from the labelled training streams); a channel's own is refitted from its editors' decisions.
/// </summary>
public sealed record ChatModel(
    int WindowSeconds,
    int DelaySeconds,
    IReadOnlyList<string> Features,
    double[] Mean,
    double[] Scale,
    double[] Weights,
    double Bias,
    ChatModelFigures Figures,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ChatStump>? Stumps = null)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static readonly Lazy<ChatModel> Shipped = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("VodManager.Core.Detection.chat-model.json")
            ?? throw new InvalidOperationException("chat-model.json is not embedded in VodManager.Core.");
        return Parse(stream);
    });

    /// <summary>The model shipped with the product.</summary>
    public static ChatModel Default => Shipped.Value;

    public static ChatModel Parse(Stream json)
    {
        var model = JsonSerializer.Deserialize<ChatModel>(json, Json) ?? throw new InvalidDataException("The chat model is empty.");
        return model.Validated();
    }

    public static ChatModel Parse(string json)
    {
        var model = JsonSerializer.Deserialize<ChatModel>(json, Json) ?? throw new InvalidDataException("The chat model is empty.");
        return model.Validated();
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    private int[]? _columns;

    private int[]? _stumpColumns;

    /// <summary>Where each of <see cref="Features"/> sits in <see cref="ChatFeatures.Names"/>.</summary>
    private int[] Columns => _columns ??= [.. Features.Select(ChatFeatures.Column)];

    private int[] StumpColumns => _stumpColumns ??= [.. (Stumps ?? []).Select(t => ChatFeatures.Column(t.Feature))];

    /// <summary>Log-odds of a highlight at <paramref name="second"/>.</summary>
    public double LogOdds(ChatFeatures features, int second)
    {
        Span<double> values = stackalloc double[ChatFeatures.Names.Count];
        features.CopyTo(second, values);
        return LogOdds(values);
    }

    /// <summary>Log-odds from every one of <see cref="ChatFeatures.Names"/>, in order.</summary>
    public double LogOdds(ReadOnlySpan<double> values)
    {
        var columns = Columns;
        var z = Bias;
        for (var f = 0; f < Weights.Length; f++)
        {
            z += Weights[f] * (values[columns[f]] - Mean[f]) / Scale[f];
        }

        return z + StumpLogOdds(values);
    }

    /// <summary>The stumps' part of the log-odds (0 for a plain linear model).</summary>
    public double StumpLogOdds(ReadOnlySpan<double> values)
    {
        var z = 0.0;
        if (Stumps is { } stumps)
        {
            var at = StumpColumns;
            for (var t = 0; t < stumps.Count; t++)
            {
                z += stumps[t].Value(values[at[t]]);
            }
        }

        return z;
    }

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-Math.Clamp(z, -30, 30)));

    /// <summary>The features that pushed the probability up most at a second (line and stumps together), in words.</summary>
    public string Explain(ChatFeatures features, int second, int count = 3)
    {
        var values = new double[ChatFeatures.Names.Count];
        features.CopyTo(second, values);
        var push = new double[values.Length];
        var columns = Columns;
        for (var f = 0; f < Weights.Length; f++)
        {
            push[columns[f]] += Weights[f] * (values[columns[f]] - Mean[f]) / Scale[f];
        }

        var at = StumpColumns;
        for (var t = 0; t < at.Length; t++)
        {
            push[at[t]] += Stumps![t].Value(values[at[t]]);
        }

        var parts = Enumerable.Range(0, push.Length)
            .Where(c => push[c] > 0.05)
            .OrderByDescending(c => push[c])
            .Take(count)
            .Select(c => Describe(ChatFeatures.Names[c], (float)values[c]));
        return string.Join(", ", parts);
    }

    private static string Describe(string feature, float value) => feature switch
    {
        "level" => string.Create(CultureInfo.InvariantCulture, $"{Math.Exp(value):0.0}× the stream's chatters"),
        "recent" => string.Create(CultureInfo.InvariantCulture, $"{Math.Exp(value):0.0}× the last minutes"),
        "rise" => string.Create(CultureInfo.InvariantCulture, $"{Math.Exp(value):0.0}× the window before"),
        "length" => string.Create(CultureInfo.InvariantCulture, $"lines {Math.Exp(value):0.0}× the usual length"),
        "repeats" => Points(value, "lines repeating a word"),
        "emotes" => Points(value, "emote lines"),
        "lines" => string.Create(CultureInfo.InvariantCulture, $"{Math.Exp(value):0.0}× the stream's lines"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Math.Exp(value):0.0}× the stream's chatters in its first {ChatFeatures.BurstSeconds} s"),
    };

    /// <summary>A share against the stream's own, in percentage points: "+12 points more emote lines than usual".</summary>
    private static string Points(float value, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Abs(value) * 100:0} points {(value < 0 ? "fewer" : "more")} {what} than usual");

    private ChatModel Validated()
    {
        var n = Features.Count;
        if (n == 0 || Features.Any(f => ChatFeatures.Column(f) < 0) || Features.Distinct().Count() != n || Mean.Length != n || Scale.Length != n || Weights.Length != n
            || Scale.Any(s => !(s > 0)) || WindowSeconds < 1 || DelaySeconds < 0 || Weights.Any(double.IsNaN) || double.IsNaN(Bias)
            || (Stumps ?? []).Any(t => !Features.Contains(t.Feature) || double.IsNaN(t.Threshold) || double.IsNaN(t.Below) || double.IsNaN(t.Above)))
        {
            throw new InvalidDataException($"The chat model does not fit this version: expected distinct features among {string.Join(", ", ChatFeatures.Names)}, one mean, scale and weight each, positive scales, stumps only on those features, a window ≥ 1 s and no negative delay.");
        }

        return this;
    }
}

/// <summary>
/// One boosted stump on top of the linear part: adds <paramref name="Below"/> to the log-odds when a feature's value is
/// under <paramref name="Threshold"/>, else <paramref name="Above"/> (centred on the training seconds, so its push says
/// how far this second's value moved the odds from the usual).
/// </summary>
public sealed record ChatStump(string Feature, double Threshold, double Below, double Above)
{
    public double Value(double x) => x < Threshold ? Below : Above;
}
