using VodManager.Core.Detection;
using VodManager.Core.Jobs;

namespace VodManager.Web.Jobs;

public sealed class RefitChannelModelJob(ChannelLearning learning) : IJobHandler<RefitChannelModelRequest>
{
    public async Task RunAsync(RefitChannelModelRequest request, JobContext context, CancellationToken cancellationToken)
    {
        var streamId = request.StreamId ?? throw new ArgumentException("A channel refit needs one of the channel's streams.", nameof(request));
        await learning.RefitAsync(request.AccountId, streamId, context.Progress, cancellationToken);
    }
}
