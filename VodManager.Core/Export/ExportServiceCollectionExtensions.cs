using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace VodManager.Core.Export;

public static class ExportServiceCollectionExtensions
{
    /// <summary>Social export: profiles (validated on start), captions, the renderer, the service and its sweep.</summary>
    public static IServiceCollection AddSocialExport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExportOptions>().Bind(configuration.GetSection(ExportOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ExportOptions>, ExportOptionsValidator>();
        services.AddSingleton<ExportClaims>();
        services.AddSingleton<ExportCaptions>();
        services.AddSingleton<VerticalRenderer>();
        services.AddSingleton<ExportService>();
        services.AddSingleton<ExportJobs>();
        services.AddSingleton<ExportLibrary>();
        services.AddSingleton<ExportStills>();
        services.AddSingleton<ExportRecoverySweep>();
        return services;
    }
}
