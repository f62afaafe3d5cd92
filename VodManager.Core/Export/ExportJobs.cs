using VodManager.Core.Jobs;

namespace VodManager.Core.Export;

/// <summary>
/// What the editor and the CLI call to export: checks the profile, the framing and the clip at once (so a bad request
/// is refused before anything is queued), then enqueues one job, which it then runs (its summary, and any "no
/// captions" note, stays on the job as its message).
/// </summary>
public sealed class ExportJobs(ExportService exports, IJobQueue queue) : IJobHandler<ExportClipRequest>
{
    public async Task<Guid> ExportAsync(int accountId, int clipVodId, string profile, string framing, bool chat, string requestedBy, CancellationToken cancellationToken)
    {
        exports.Profile(profile);
        var parsed = Framing.Parse(framing);
        var clip = await exports.FindClipAsync(accountId, clipVodId, cancellationToken);
        return await queue.EnqueueAsync(new ExportClipRequest
        {
            AccountId = accountId, StreamId = clip.StreamId, ClipVodId = clipVodId, Profile = profile, Framing = parsed.ToString(), Chat = chat, RequestedBy = requestedBy,
            ClipTitle = clip.Title,
        }, cancellationToken);
    }

    /// <summary>Runs an export job's request; the clip is pinned under the job's id.</summary>
    public Task<ExportResult> RunAsync(ExportClipRequest request, JobContext context, CancellationToken cancellationToken) =>
        exports.ExportAsync(request.ToSpec(), $"export:{context.JobId:N}", context.Progress, cancellationToken);

    Task IJobHandler<ExportClipRequest>.RunAsync(ExportClipRequest request, JobContext context, CancellationToken cancellationToken) =>
        RunAsync(request, context, cancellationToken);
}
