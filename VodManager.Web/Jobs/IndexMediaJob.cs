using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Jobs;
using VodManager.Core.Media;
using VodManager.Core.Quota;

namespace VodManager.Web.Jobs;

/// <summary>Computes a source's keyframes and loudness once; the VOD is pinned meanwhile, so it cannot be deleted under the job.</summary>
public sealed class IndexMediaJob(IDbContextFactory<VodDbContext> dbFactory, MediaIndexService index, VodPins pins) : IJobHandler<IndexMediaRequest>
{
    public async Task RunAsync(IndexMediaRequest request, JobContext context, CancellationToken cancellationToken)
    {
        Vod vod;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            vod = await db.Vods.AsNoTracking().SingleOrDefaultAsync(v => v.Id == request.VodId && v.AccountId == request.AccountId, cancellationToken)
                ?? throw new InvalidOperationException($"VOD {request.VodId} was not found; nothing to index.");
        }

        await using var pin = await pins.PinAsync([vod.Id], $"job:{context.JobId:N}", cancellationToken);
        await index.GetOrComputeAsync(vod, context.Progress, cancellationToken);
    }
}
