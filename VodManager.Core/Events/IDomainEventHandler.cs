namespace VodManager.Core.Events;

/// <summary>Reacts to one kind of <see cref="IDomainEvent"/>; registered with <c>AddDomainEventHandler</c>.</summary>
public interface IDomainEventHandler<in TEvent> where TEvent : IDomainEvent
{
    Task HandleAsync(TEvent domainEvent, CancellationToken cancellationToken);
}
