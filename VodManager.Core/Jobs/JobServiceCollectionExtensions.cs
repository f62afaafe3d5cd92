using Microsoft.Extensions.DependencyInjection;

namespace VodManager.Core.Jobs;

public static class JobServiceCollectionExtensions
{
    /// <summary>
    /// Registers a handler for a request type under a kind name (the name is what the job store keeps). The handler is
    /// the feature's own Core service, registered with its lifetime beside the feature, so it is resolved as that service.
    /// </summary>
    public static IServiceCollection AddJobHandler<TRequest, THandler>(this IServiceCollection services, string kind)
        where TRequest : JobRequest
        where THandler : class, IJobHandler<TRequest>
    {
        services.AddTransient<IJobHandler<TRequest>>(provider => provider.GetRequiredService<THandler>());
        services.AddSingleton(new JobRegistration(
            kind,
            typeof(TRequest),
            (provider, request, context, token) => provider.GetRequiredService<IJobHandler<TRequest>>().RunAsync((TRequest)request, context, token)));
        return services;
    }
}
