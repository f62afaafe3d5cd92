using System.ComponentModel.DataAnnotations;

namespace VodManager.Core.Refinement;

/// <summary>The "Refinement" section of appsettings.json: caps, iterations, the window a backend sees, and each backend's settings.</summary>
public sealed class RefinementOptions : IValidatableObject
{
    public const string Section = "Refinement";

    /// <summary>Iterations per highlight and run; a run stops earlier when the bounds settle or the verdict is "not a clip".</summary>
    [Range(1, 3)]
    public int MaxIterations { get; set; } = 3;

    /// <summary>Bounds that move less than this (each end) between two iterations have settled.</summary>
    [Range(0.01, 10)]
    public double SettleSeconds { get; set; } = 0.25;

    /// <summary>Ceiling on refinements per run (a detection run or an editor's request); an account's own setting may be lower.</summary>
    [Range(0, 1000)]
    public int MaxPerRun { get; set; } = 5;

    /// <summary>Ceiling on refinements per account per UTC day; an account's own setting may be lower.</summary>
    [Range(0, 1_000_000)]
    public int MaxPerAccountPerDay { get; set; } = 50;

    /// <summary>Seconds of context on each side of a highlight: transcript, chat, curves and audio cover this window.</summary>
    [Range(0, 300)]
    public double ContextSeconds { get; set; } = 15;

    /// <summary>A refined moment shorter than this is judged "not a clip".</summary>
    [Range(0.5, 600)]
    public double MinClipSeconds { get; set; } = 5;

    /// <summary>Most chat lines a backend is shown from the window (evenly sampled when there are more).</summary>
    [Range(0, 5000)]
    public int MaxChatLines { get; set; } = 150;

    /// <summary>Window audio handed to backends: mono MP3 at this sample rate and bitrate (speech-grade, small).</summary>
    [Range(8000, 48000)]
    public int AudioSampleRate { get; set; } = 16000;

    [Range(8, 320)]
    public int AudioKbps { get; set; } = 32;

    /// <summary>Folder for extracted window audio; empty means "tmp/refine" under the data folder.</summary>
    public string? TempFolder { get; set; }

    public HeuristicOptions Heuristic { get; set; } = new();

    public GeminiOptions Gemini { get; set; } = new();

    // The nested Heuristic and Gemini sections are checked here, each failure named by its path.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var failure in SettingsValidation.Nested(Heuristic, $"{Section}:Heuristic").Concat(SettingsValidation.Nested(Gemini, $"{Section}:Gemini")))
        {
            yield return failure;
        }

        if (Gemini.TotalTimeout < Gemini.AttemptTimeout)
        {
            yield return new ValidationResult("Refinement:Gemini:TotalTimeout must be at least Refinement:Gemini:AttemptTimeout.", [nameof(Gemini)]);
        }

        if (!HttpUrl.TryParse(Gemini.BaseUrl, out _))
        {
            yield return new ValidationResult($"Refinement:Gemini:BaseUrl '{Gemini.BaseUrl}' is not an http(s) URL.", [nameof(Gemini)]);
        }
    }
}
