using Microsoft.Extensions.DependencyInjection;

namespace VodManager.Demo;

public static class DemoServiceCollectionExtensions
{
    /// <summary>The demo seeder and the generator it runs; needs Core's services (<c>AddVodManagerCore</c>).</summary>
    public static IServiceCollection AddVodManagerDemo(this IServiceCollection services)
    {
        services.AddSingleton<DemoStreamGenerator>();
        services.AddSingleton<DemoSeeder>();
        return services;
    }
}
