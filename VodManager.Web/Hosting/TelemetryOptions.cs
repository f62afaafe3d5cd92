using System.ComponentModel.DataAnnotations;

namespace VodManager.Web.Hosting;

/// <summary>The "Telemetry" section of appsettings.json: OpenTelemetry traces and metrics, off unless an exporter is on.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Telemetry";

    /// <summary>Serves the metrics for a Prometheus scraper at <see cref="PrometheusPath"/> (anonymous: keep it off the public internet).</summary>
    public bool Prometheus { get; set; }

    /// <summary>Where the Prometheus scrape endpoint answers.</summary>
    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>An OTLP collector (e.g. http://collector:4318) that receives traces and metrics; empty = none.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The service name the exporters report (one per deployment; each node adds its own instance id).</summary>
    public string ServiceName { get; set; } = "vodmanager";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint) && !Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("Telemetry:OtlpEndpoint must be an absolute URL such as http://collector:4318, or empty.", [nameof(OtlpEndpoint)]);
        }

        if (!PrometheusPath.StartsWith('/'))
        {
            yield return new ValidationResult("Telemetry:PrometheusPath must start with '/'.", [nameof(PrometheusPath)]);
        }
    }
}
