using System.ComponentModel.DataAnnotations;

namespace VodManager.Core.Jobs;

/// <summary>How job progress reaches editors connected to other nodes.</summary>
public sealed class ProgressOptions : IValidatableObject
{
    public const string Section = "Progress";

    /// <summary>A StackExchange.Redis configuration string ("host:port,password=…"); empty keeps progress in-process (one node).</summary>
    public string Redis { get; set; } = "";

    /// <summary>Whether progress travels between nodes through Redis; without it each app node's bus is its own.</summary>
    public bool UsesRedis => !string.IsNullOrWhiteSpace(Redis);

    /// <summary>Starts every channel name, so several deployments can share one Redis.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$", ErrorMessage = "Progress:ChannelPrefix may hold only letters, digits, '_', '.' and '-' (at most 64).")]
    public string ChannelPrefix { get; set; } = "vodmanager";

    /// <summary>How often the job table is read while Redis is unreachable (pages fall back to it).</summary>
    [Range(typeof(TimeSpan), "00:00:00.2", "00:01:00", ErrorMessage = "Progress:PollInterval must be between 0.2 s and 1 min.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsRedisConfiguration(Redis))
        {
            yield return new ValidationResult("Progress:Redis is not a StackExchange.Redis configuration string (e.g. \"redis1:6379,password=…\").", [nameof(Redis)]);
        }
    }

    private static bool IsRedisConfiguration(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        try
        {
            return StackExchange.Redis.ConfigurationOptions.Parse(value).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
