using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VodManager.Core.Detection;

/// <summary>
/// A logistic regression over <see cref="ChatFeatures"/>: the probability that a highlight starting at a second is
/// right, given the chat that reacts to it. Small on purpose (six standardised features), so it carries from the
/// streams it was fitted on to others. The default ships embedded (chat-model.json, written by the benchmark's
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

    /// <summary>Log-odds of a highlight at <paramref name="second"/>.</summary>
    public double LogOdds(ChatFeatures features, int second)
    {
        var z = Bias;
        for (var f = 0; f < Weights.Length; f++)
        {
            z += Weights[f] * (features[f, second] - Mean[f]) / Scale[f];
        }

        return z;
    }

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-Math.Clamp(z, -30, 30)));

    /// <summary>The features that pushed the probability up most at a second, in words.</summary>
    public string Explain(ChatFeatures features, int second, int count = 3)
    {
        var parts = Enumerable.Range(0, Weights.Length)
            .Select(f => (Feature: f, Push: Weights[f] * (features[f, second] - Mean[f]) / Scale[f]))
            .Where(c => c.Push > 0.05)
            .OrderByDescending(c => c.Push)
            .Take(count)
            .Select(c => Describe(c.Feature, features[c.Feature, second]));
        return string.Join(", ", parts);
    }

    private static string Describe(int feature, float value) => feature switch
    {
        0 => string.Create(CultureInfo.InvariantCulture, $"{Math.Exp(value):0.0}× the stream's chatters"),
        1 => string.Create(CultureInfo.InvariantCulture, $"{Math.Exp(value):0.0}× the last minutes"),
        2 => string.Create(CultureInfo.InvariantCulture, $"{Math.Exp(value):0.0}× the window before"),
        3 => string.Create(CultureInfo.InvariantCulture, $"lines {Math.Exp(value):0.0}× the usual length"),
        4 => string.Create(CultureInfo.InvariantCulture, $"{value * 100:+0;-0} points of repeated words"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value * 100:+0;-0} points of emote lines"),
    };

    private ChatModel Validated()
    {
        var n = ChatFeatures.Names.Count;
        if (!Features.SequenceEqual(ChatFeatures.Names) || Mean.Length != n || Scale.Length != n || Weights.Length != n
            || Scale.Any(s => !(s > 0)) || WindowSeconds < 1 || DelaySeconds < 0 || Weights.Any(double.IsNaN) || double.IsNaN(Bias))
        {
            throw new InvalidDataException($"The chat model does not fit this version: expected features {string.Join(", ", ChatFeatures.Names)}, positive scales and a window ≥ 1 s.");
        }

        return this;
    }
}
