using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using VodManager.Core;
using VodManager.Core.Diagnostics;

namespace VodManager.Web.Hosting;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// OpenTelemetry over HTTP, EF Core, HttpClient (Gemini, URL imports) and the app's own jobs, ffmpeg runs,
    /// storage reads and quota reservations (<see cref="VodMetrics"/>, <see cref="VodActivities"/>), exported to Prometheus and/or OTLP as
    /// configured; nothing is collected when neither is on.
    /// </summary>
    public static IServiceCollection AddVodManagerTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<TelemetryOptions>(configuration, TelemetryOptions.Section);
        var options = configuration.Read<TelemetryOptions>(TelemetryOptions.Section);
        var otlp = string.IsNullOrWhiteSpace(options.OtlpEndpoint) ? null : options.OtlpEndpoint;
        if (!options.Prometheus && otlp is null)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName, serviceInstanceId: $"{Environment.MachineName}-{Environment.ProcessId}"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddMeter("Microsoft.EntityFrameworkCore")
                    .AddMeter(VodMetrics.MeterName);
                if (options.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => Otlp(o, otlp, "v1/metrics"));
                }
            });
        if (otlp is not null)
        {
            // Traces need a collector; Prometheus only scrapes metrics.
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource(VodActivities.SourceName)
                .AddOtlpExporter(o => Otlp(o, otlp, "v1/traces")));
        }

        return services;
    }

    /// <summary>Maps the Prometheus scrape endpoint when it is on.</summary>
    public static WebApplication MapVodManagerTelemetry(this WebApplication app)
    {
        var options = app.Configuration.Read<TelemetryOptions>(TelemetryOptions.Section);
        if (options.Prometheus)
        {
            // Scrapers do not sign in; the endpoint is off by default and meant for an internal network.
            app.MapPrometheusScrapingEndpoint(options.PrometheusPath).AllowAnonymous();
        }

        return app;
    }

    /// <summary>OTLP over HTTP; a signal's path is set explicitly because a custom endpoint disables the default paths.</summary>
    private static void Otlp(OtlpExporterOptions o, string endpoint, string signalPath)
    {
        o.Protocol = OtlpExportProtocol.HttpProtobuf;
        o.Endpoint = new Uri(new Uri(endpoint.TrimEnd('/') + "/"), signalPath);
    }
}
