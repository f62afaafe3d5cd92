using VodManager.Core.Jobs;

namespace VodManager.Core.Export;

/// <summary>What the editor calls for a browser copy: checks the stream has a source with a picture, then enqueues the job and runs it.</summary>
public sealed class BrowserCopyJobs(BrowserCopyService copies, IJobQueue queue) : IJobHandler<MakeBrowserCopyRequest>
{
    public async Task<Guid> MakeAsync(int accountId, int streamId, string requestedBy, CancellationToken cancellationToken)
    {
        await copies.FindSourceAsync(accountId, streamId, cancellationToken);
        return await queue.EnqueueAsync(new MakeBrowserCopyRequest { AccountId = accountId, StreamId = streamId, RequestedBy = requestedBy }, cancellationToken);
    }

    /// <summary>Runs the job's request; the source is pinned under the job's id.</summary>
    public Task RunAsync(MakeBrowserCopyRequest request, JobContext context, CancellationToken cancellationToken) =>
        copies.MakeAsync(request.AccountId, request.StreamId!.Value, $"browser-copy:{context.JobId:N}", context.Progress, cancellationToken);
}
