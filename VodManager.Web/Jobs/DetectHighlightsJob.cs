using VodManager.Core.Detection;
using VodManager.Core.Jobs;

namespace VodManager.Web.Jobs;

public sealed class DetectHighlightsJob(DetectionService detection) : IJobHandler<DetectHighlightsRequest>
{
    public async Task RunAsync(DetectHighlightsRequest request, JobContext context, CancellationToken cancellationToken)
    {
        var streamId = request.StreamId ?? throw new ArgumentException("Detection needs a stream.", nameof(request));
        await detection.DetectAsync(request.AccountId, streamId, context.Progress, cancellationToken);
    }
}
