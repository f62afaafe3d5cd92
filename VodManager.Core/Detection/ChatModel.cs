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
    ChatModelFigures Figures)
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

    /// <summary>Where each of <see cref="Features"/> sits in <see cref="ChatFeatures.Names"/>.</summary>
    private int[] Columns => _columns ??= [.. Features.Select(ChatFeatures.Column)];

    /// <summary>Log-odds of a highlight at <paramref name="second"/>.</summary>
    public double LogOdds(ChatFeatures features, int second)
    {
        var columns = Columns;
        var z = Bias;
        for (var f = 0; f < Weights.Length; f++)
        {
            z += Weights[f] * (features[columns[f], second] - Mean[f]) / Scale[f];
        }

        return z;
    }

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-Math.Clamp(z, -30, 30)));

    /// <summary>The features that pushed the probability up most at a second, in words.</summary>
    public string Explain(ChatFeatures features, int second, int count = 3)
    {
        var columns = Columns;
        var parts = Enumerable.Range(0, Weights.Length)
            .Select(f => (Feature: Features[f], Value: features[columns[f], second], Push: Weights[f] * (features[columns[f], second] - Mean[f]) / Scale[f]))
            .Where(c => c.Push > 0.05)
            .OrderByDescending(c => c.Push)
            .Take(count)
            .Select(c => Describe(c.Feature, c.Value));
        return string.Join(", ", parts);
    }

    private static string Describe(string feature, float value) => feature switch
    {
        "level" => string.Create(CultureInfo.InvariantCulture, $"{Math.Exp(value):0.0}× the stream's chatters"),
        "recent" => string.Create(CultureInfo.InvariantCulture, $"{Math.Exp(value):0.0}× the last minutes"),
        "rise" => string.Create(CultureInfo.InvariantCulture, $"{Math.Exp(value):0.0}× the window before"),
        "length" => string.Create(CultureInfo.InvariantCulture, $"lines {Math.Exp(value):0.0}× the usual length"),
        "repeats" => string.Create(CultureInfo.InvariantCulture, $"{value * 100:+0;-0} points of repeated words"),
        "emotes" => string.Create(CultureInfo.InvariantCulture, $"{value * 100:+0;-0} points of emote lines"),
        "lines" => string.Create(CultureInfo.InvariantCulture, $"{Math.Exp(value):0.0}× the stream's lines"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Math.Exp(value):0.0}× the stream's chatters in its first {ChatFeatures.BurstSeconds} s"),
    };

    private ChatModel Validated()
    {
        var n = Features.Count;
        if (n == 0 || Features.Any(f => ChatFeatures.Column(f) < 0) || Features.Distinct().Count() != n || Mean.Length != n || Scale.Length != n || Weights.Length != n
            || Scale.Any(s => !(s > 0)) || WindowSeconds < 1 || DelaySeconds < 0 || Weights.Any(double.IsNaN) || double.IsNaN(Bias))
        {
            throw new InvalidDataException($"The chat model does not fit this version: expected distinct features among {string.Join(", ", ChatFeatures.Names)}, one mean, scale and weight each, positive scales, a window ≥ 1 s and no negative delay.");
        }

        return this;
    }
}
