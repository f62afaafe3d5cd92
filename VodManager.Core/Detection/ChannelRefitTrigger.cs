using VodManager.Core.Data.Entities;
using VodManager.Core.Events;
using VodManager.Core.Library;

namespace VodManager.Core.Detection;

/// <summary>Counts an editor's decision (a trim, a dismissal, a clip cut) towards the channel's next refit.</summary>
public sealed class ChannelRefitTrigger(ChannelLearning learning) : IDomainEventHandler<HighlightDecidedEvent>, IDomainEventHandler<VodArchivedEvent>
{
    public Task HandleAsync(HighlightDecidedEvent domainEvent, CancellationToken cancellationToken) =>
        learning.AfterDecisionAsync(domainEvent.AccountId, domainEvent.StreamId, cancellationToken);

    public Task HandleAsync(VodArchivedEvent domainEvent, CancellationToken cancellationToken) =>
        domainEvent is { Type: VodType.Highlight, StreamId: { } streamId }
            ? learning.AfterDecisionAsync(domainEvent.AccountId, streamId, cancellationToken)
            : Task.CompletedTask;
}
