using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using VodManager.Core.Data;
using VodManager.Core.Ingest.Video;
using VodManager.Core.Library;
using VodManager.Core.Nodes;

namespace VodManager.Core.Ingest;

/// <summary>
/// At start-up: a video import job (a URL download, a file on the server) that will never run again left its pending
/// VOD, holding its size against the account's quota, and what it had stored so far (a download's checkpoints); they
/// go. A job that will run again (recovered by the scheduler, or still running in another process) finds them and
/// goes on from there (<see cref="DownloadCheckpoints"/>). An import no job runs (the demo's video) goes once the
/// process that ran it is gone. Browser uploads are not jobs: their sessions expire
/// (<see cref="Uploads.VideoUploadService"/>).
/// </summary>
public sealed class VideoImportRecoverySweep(IDbContextFactory<VodDbContext> dbFactory, DownloadCheckpoints checkpoints, NodeLeases leases, ILogger<VideoImportRecoverySweep> logger)
{
    /// <param name="willRun">True when the job with this id will still finish its work (<see cref="Jobs.InterruptedJobs"/>).</param>
    /// <returns>How many interrupted imports were released.</returns>
    public async Task<int> RunAsync(Func<string, CancellationToken, Task<bool>> willRun, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = await db.Vods.IgnoreQueryFilters().AsNoTracking()
            .Where(v => v.Status == VodStatus.Pending && v.ExternalId != null && v.ExternalId.StartsWith(VideoImportService.ExternalIdPrefix))
            .Select(v => new { v.AccountId, ExternalId = v.ExternalId! }).ToListAsync(cancellationToken);
        var census = await leases.CensusAsync(cancellationToken);
        var released = 0;
        foreach (var import in pending)
        {
            var attempt = import.ExternalId[VideoImportService.ExternalIdPrefix.Length..];
            var gone = Guid.TryParseExact(attempt, "N", out _)
                ? !await willRun(attempt, cancellationToken)
                : VideoImportService.NodeOfLocalAttempt(attempt) is { } node && !census.IsLive(node);
            if (gone)
            {
                await checkpoints.AbandonAsync(import.AccountId, import.ExternalId, stagedKey: null);
                released++;
            }
        }

        if (released > 0)
        {
            logger.LogWarning("Start-up sweep released {Count} video imports that will not finish (their reservations and what they had stored)", released);
        }

        return released;
    }
}
