using VodManager.Core.Detection;
using VodManager.Core.Events;

namespace VodManager.Core.Refinement;

/// <summary>Starts the automatic refinement run after detection, when the account has refinement on.</summary>
public sealed class AutoRefineOnDetection(RefinementJobs requests) : IDomainEventHandler<HighlightsDetectedEvent>
{
    public async Task HandleAsync(HighlightsDetectedEvent domainEvent, CancellationToken cancellationToken)
    {
        if (domainEvent.Detected > 0)
        {
            await requests.AfterDetectionAsync(domainEvent.AccountId, domainEvent.StreamId, domainEvent.VideoFollows, cancellationToken);
        }
    }
}
