using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VodManager.Core.Events;
using VodManager.Core.Notifications;
using VodManager.Core.Storage;

namespace VodManager.Core.Cutting;

public static class CuttingServiceCollectionExtensions
{
    /// <summary>The clip cutter and what it shares: source inputs, range proxy, "VOD archived" event and its listener.</summary>
    public static IServiceCollection AddClipCutting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<CuttingOptions>(configuration, CuttingOptions.Section);
        services.AddSingleton<DomainEvents>();
        services.AddDomainEventHandler<VodArchivedEvent, StreamArchivedNotificationListener>();
        services.AddSingleton<RangeReadProxy>();
        services.AddSingleton<SourceInputs>();
        services.AddSingleton<HighlightClaims>();
        services.AddSingleton<SmartCutVerifier>();
        services.AddSingleton<ClipRenderer>();
        services.AddSingleton<BatchSourcesFactory>();
        services.AddSingleton<ClipCutter>();
        services.AddSingleton<CutRecoverySweep>();
        services.AddSingleton<CutJobs>();
        return services;
    }
}
