using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VodManager.Core.Events;

/// <summary>
/// Hands an event to every registered handler, in process. Raised after the change is saved, so a failing handler
/// (a notification that cannot be written) is logged and never undoes the work that raised it.
/// </summary>
public sealed class DomainEvents(IServiceScopeFactory scopes, ILogger<DomainEvents> logger)
{
    public async Task PublishAsync<TEvent>(TEvent domainEvent, CancellationToken cancellationToken) where TEvent : IDomainEvent
    {
        await using var scope = scopes.CreateAsyncScope();
        foreach (var handler in scope.ServiceProvider.GetServices<IDomainEventHandler<TEvent>>())
        {
            try
            {
                await handler.HandleAsync(domainEvent, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "{Handler} failed on {Event}", handler.GetType().Name, domainEvent);
            }
        }
    }
}
