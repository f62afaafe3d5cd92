using Microsoft.Extensions.DependencyInjection;

namespace VodManager.Core.Events;

public static class DomainEventServiceCollectionExtensions
{
    public static IServiceCollection AddDomainEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IDomainEvent
        where THandler : class, IDomainEventHandler<TEvent>
    {
        services.AddScoped<IDomainEventHandler<TEvent>, THandler>();
        return services;
    }
}
