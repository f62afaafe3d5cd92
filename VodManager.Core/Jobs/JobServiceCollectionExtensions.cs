using Microsoft.Extensions.DependencyInjection;

namespace VodManager.Core.Jobs;

public static class JobServiceCollectionExtensions
{
    /// <summary>Registers a handler for a request type under a kind name (the name is what the job store keeps).</summary>
    public static IServiceCollection AddJobHandler<TRequest, THandler>(this IServiceCollection services, string kind)
        where TRequest : JobRequest
        where THandler : class, IJobHandler<TRequest>
    {
        services.AddScoped<IJobHandler<TRequest>, THandler>();
        services.AddSingleton(new JobRegistration(
            kind,
            typeof(TRequest),
            (provider, request, context, token) => provider.GetRequiredService<IJobHandler<TRequest>>().RunAsync((TRequest)request, context, token)));
        return services;
    }
}
