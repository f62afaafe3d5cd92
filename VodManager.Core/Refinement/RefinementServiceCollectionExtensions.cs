using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using VodManager.Core.Detection;
using VodManager.Core.Events;

namespace VodManager.Core.Refinement;

public static class RefinementServiceCollectionExtensions
{
    /// <summary>The refiner, its three backends (Gemini's HTTP client with timeouts and retries), caps, history, metrics and the hook after detection.</summary>
    public static IServiceCollection AddRefinement(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<RefinementOptions>(configuration, RefinementOptions.Section);
        services.AddMetrics();

        services.AddHttpClient<GeminiClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("gemini", (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<RefinementOptions>>().Value.Gemini;
                pipeline.AddTimeout(o.TotalTimeout);
                if (o.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = o.MaxRetries,
                        Delay = o.RetryBaseDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        ShouldRetryAfterHeader = true,
                        MaxDelay = TimeSpan.FromMinutes(1),
                    });
                }

                pipeline.AddTimeout(o.AttemptTimeout);
            });

        // Transient: the Gemini backend holds a typed HttpClient, which must not be kept for the app's lifetime.
        services.AddTransient<IRefinementBackend, MockBackend>();
        services.AddTransient<IRefinementBackend, HeuristicBackend>();
        services.AddTransient<IRefinementBackend, GeminiBackend>();
        services.AddTransient<RefinementBackends>();
        services.AddTransient<AccountRefinementSettings>();
        services.AddTransient<Refiner>();
        services.AddTransient<RefinementJobs>();

        services.AddSingleton<SceneScanner>();
        services.AddSingleton<RefinementSources>();
        services.AddSingleton<RefinementWindowLoader>();
        services.AddSingleton<RefinementBudget>();
        services.AddSingleton<RefinementHistory>();
        services.AddSingleton<RefinementMetrics>();
        services.AddDomainEventHandler<HighlightsDetectedEvent, AutoRefineOnDetection>();
        return services;
    }
}
