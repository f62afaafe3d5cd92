using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace VodManager.Core.Export;

public static class ExportServiceCollectionExtensions
{
    /// <summary>Social export: profiles (validated on start), captions, the renderer, the service and its sweep; and sources' browser copies.</summary>
    public static IServiceCollection AddSocialExport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<ExportOptions>(configuration, ExportOptions.Section);
        services.AddSingleton<ExportClaims>();
        services.AddSingleton<ExportCaptions>();
        services.AddSingleton<VerticalRenderer>();
        services.AddSingleton<ExportService>();
        services.AddSingleton<ExportJobs>();
        services.AddSingleton<ExportLibrary>();
        services.AddSingleton<ExportStills>();
        services.AddSingleton<ExportRecoverySweep>();
        services.AddSingleton<BrowserCopyService>();
        services.AddSingleton<BrowserCopyJobs>();
        return services;
    }
}
