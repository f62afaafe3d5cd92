using System.ComponentModel.DataAnnotations;

namespace VodManager.Core.Refinement;

/// <summary>The hosted Gemini Flash backend, over the REST generateContent API.</summary>
public sealed class GeminiOptions
{
    /// <summary>The API root, up to and including the version ("…/v1beta").</summary>
    [Required]
    [Url]
    public string BaseUrl { get; set; } = "https://generativelanguage.googleapis.com/v1beta";

    [Required]
    [RegularExpression("^[A-Za-z0-9._-]+$", ErrorMessage = "Refinement:Gemini:Model must be a model name such as gemini-2.5-flash.")]
    public string Model { get; set; } = "gemini-2.5-flash";

    /// <summary>Empty by default: the gemini backend then fails each refinement with a reason naming this setting.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>How long one HTTP attempt may take.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one call may take, retries and back-off included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:30:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Retries after a 429, a 5xx or a timed-out attempt.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off delay; each retry doubles it (with jitter), and a Retry-After header is honoured.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Window audio up to this size goes inline (base64); larger audio is stored briefly and sent as a time-limited URL.</summary>
    [Range(0, 50L * 1024 * 1024)]
    public long InlineAudioMaxBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>How long the URL of audio sent by reference stays valid.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan AudioUrlLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Sampling temperature; 0 keeps answers as repeatable as the model allows.</summary>
    [Range(0, 2)]
    public double Temperature { get; set; }
}
