using VodManager.Core.Events;
using VodManager.Core.Library;

namespace VodManager.Core.Detection;

/// <summary>
/// A new stream's video often lands after its chat (a large upload against a small file), so detection ran without
/// it: once the stream's first source video is stored, detection runs again with the video's end and loudness.
/// </summary>
public sealed class DetectOnSourceVideo(DetectionJobs detection) : IDomainEventHandler<VodArchivedEvent>
{
    public async Task HandleAsync(VodArchivedEvent domainEvent, CancellationToken cancellationToken)
    {
        if (domainEvent is { Type: VodType.Archive, StreamId: { } streamId })
        {
            await detection.AfterSourceVideoAsync(domainEvent.AccountId, streamId, cancellationToken);
        }
    }
}
