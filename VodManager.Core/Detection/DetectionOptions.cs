using System.ComponentModel.DataAnnotations;

namespace VodManager.Core.Detection;

/// <summary>The "Detection" section of appsettings.json: how signals are weighed and how highlights are bounded.</summary>
public sealed class DetectionOptions : IValidatableObject
{
    public const string Section = "Detection";

    /// <summary>How many highlights a run returns (weak ones fill the list when too few are confident).</summary>
    [Range(1, 500)]
    public int TopN { get; set; } = 10;

    /// <summary>Highlights start at least this far apart (less on a stream too short for TopN of them).</summary>
    [Range(0.0, 3600.0)]
    public double SeparationSeconds { get; set; } = 60;

    /// <summary>A moment needs at least this score (sum of weighted signals, each 0..1) to become a highlight.</summary>
    [Range(0.0, 10.0)]
    public double MinScore { get; set; } = 0.4;

    /// <summary>Weight of each signal in the score.</summary>
    public SignalWeights Weights { get; set; } = new();

    /// <summary>Points per event type before magnitude scaling (a raid of typical size is worth 10).</summary>
    public EventWeights EventWeights { get; set; } = new();

    public ChatOptions Chat { get; set; } = new();

    /// <summary>New editor decisions on a channel's highlights (kept as a clip or a trim, or dismissed) that refit its chat model.</summary>
    [Range(1, 100000)]
    public int RefitAfterDecisions { get; set; } = 20;

    /// <summary>Events closer than this (s) form one cluster, scored together.</summary>
    [Range(1.0, 600.0)]
    public double EventClusterSeconds { get; set; } = 30;

    /// <summary>Event points that make the events signal 1.0.</summary>
    [Range(0.1, 1000.0)]
    public double EventSaturation { get; set; } = 10;

    /// <summary>
    /// Phrases said out loud that mark a moment (matched case-insensitively on word boundaries). Null means the
    /// defaults; a list in appsettings.json replaces them whole.
    /// </summary>
    public string[]? Keywords { get; set; }

    /// <summary>The keywords in force.</summary>
    public IReadOnlyList<string> KeywordList => Keywords ?? DefaultKeywords;

    public static readonly IReadOnlyList<string> DefaultKeywords =
    [
        "clip it", "clip that", "clip this", "oh my god", "omg", "no way", "let's go", "lets go", "holy", "insane",
        "no no no", "oh no", "are you kidding", "unbelievable", "get in", "yes yes yes",
    ];

    /// <summary>Window (s) over which keyword hits are counted.</summary>
    [Range(1.0, 120.0)]
    public double KeywordWindowSeconds { get; set; } = 10;

    /// <summary>Keyword hits within <see cref="KeywordWindowSeconds"/> that make the transcript signal 1.0.</summary>
    [Range(0.5, 100.0)]
    public double TranscriptSaturationHits { get; set; } = 2;

    /// <summary>Loudness above the surrounding median (LU) where the audio signal starts, and where it reaches 1.0.</summary>
    [Range(1.0, 60.0)]
    public double AudioThresholdLu { get; set; } = 8;

    [Range(2.0, 80.0)]
    public double AudioFullLu { get; set; } = 16;

    /// <summary>Half-width (s) of the window the audio baseline (median loudness) is taken over.</summary>
    [Range(10.0, 3600.0)]
    public double AudioBaselineSeconds { get; set; } = 120;

    [Range(0.0, 120.0)]
    public double PreRollSeconds { get; set; } = 3;

    [Range(0.0, 120.0)]
    public double PostRollSeconds { get; set; } = 5;

    [Range(1.0, 3600.0)]
    public double MinLengthSeconds { get; set; } = 15;

    [Range(1.0, 7200.0)]
    public double MaxLengthSeconds { get; set; } = 60;

    /// <summary>Signals closer than this (s) belong to the same moment.</summary>
    [Range(0.0, 120.0)]
    public double MergeGapSeconds { get; set; } = 6;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinLengthSeconds > MaxLengthSeconds)
        {
            yield return new ValidationResult($"{Section}:MinLengthSeconds ({MinLengthSeconds}) is longer than {Section}:MaxLengthSeconds ({MaxLengthSeconds}).", [nameof(MinLengthSeconds)]);
        }

        if (AudioFullLu <= AudioThresholdLu)
        {
            yield return new ValidationResult($"{Section}:AudioFullLu must be above {Section}:AudioThresholdLu.", [nameof(AudioFullLu)]);
        }

        if (KeywordList.Any(string.IsNullOrWhiteSpace))
        {
            yield return new ValidationResult($"{Section}:Keywords has an empty entry.", [nameof(Keywords)]);
        }

        foreach (var nested in new object[] { Weights, EventWeights, Chat })
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(nested, new ValidationContext(nested), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return new ValidationResult($"{Section}:{nested.GetType().Name.Replace("Options", "")}: {result.ErrorMessage}", result.MemberNames);
            }
        }
    }
}
