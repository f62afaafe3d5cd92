using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data;
using VodManager.Core.Jobs;

namespace VodManager.Core.Detection;

/// <summary>Starts detection by itself once a stream has both chat and events: the moment its inputs are complete.</summary>
public sealed class DetectionTrigger(IDbContextFactory<VodDbContext> dbFactory, IJobQueue jobs)
{
    /// <returns>The detection job's id, or null when the stream is not ready for it.</returns>
    public async Task<Guid?> AfterImportAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ready = await db.Streams.AnyAsync(s => s.Id == streamId && s.AccountId == accountId && s.ChatImportedAt != null && s.EventsImportedAt != null, cancellationToken);
        return ready
            ? await jobs.EnqueueAsync(new DetectHighlightsRequest { AccountId = accountId, StreamId = streamId, RequestedBy = "system" }, cancellationToken)
            : null;
    }
}
