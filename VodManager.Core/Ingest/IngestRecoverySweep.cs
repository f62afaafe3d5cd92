using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using VodManager.Core.Data;
using VodManager.Core.Nodes;

namespace VodManager.Core.Ingest;

/// <summary>
/// At start-up: the rows of chat, events and transcript imports that died (their lease lapsed) go, with whatever
/// else their stream no longer shows. Imports running in another process (the CLI, a second app) renew their lease
/// and are left alone.
/// </summary>
public sealed class IngestRecoverySweep(
    IDbContextFactory<VodDbContext> dbFactory,
    ImportedRowsPurge purge,
    DataUploadStaging uploads,
    WorkAreas work,
    NodeLeases leases,
    TimeProvider time,
    ILogger<IngestRecoverySweep> logger)
{
    /// <returns>How many rows were deleted.</returns>
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        // Uploads a dead node received (or fetched for a job) that no job will import any more, and videos it was
        // rewrapping as MP4.
        var census = await leases.CensusAsync(cancellationToken);
        var files = census.PurgeDeadWork(uploads.Root) + census.PurgeDeadWork(work.Rewraps.Root);
        if (files > 0)
        {
            logger.LogWarning("Start-up sweep removed {Files} upload and rewrap files that dead nodes left", files);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var dead = await db.DataImports.AsNoTracking().Where(i => i.ExpiresAt <= now).ToListAsync(cancellationToken);
        long deleted = 0;
        foreach (var import in dead)
        {
            // Its own rows first, by id (quick); then anything else hidden, such as rows it had superseded.
            deleted += await purge.PurgeAsync(import.StreamId, import.Id, cancellationToken);
            deleted += await purge.PurgeAsync(import.StreamId, null, cancellationToken);
            await db.DataImports.Where(i => i.Id == import.Id).ExecuteDeleteAsync(cancellationToken);
        }

        if (dead.Count > 0)
        {
            logger.LogWarning("Start-up sweep removed {Rows} rows of {Imports} interrupted data imports", deleted, dead.Count);
        }

        return deleted;
    }
}
