using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Diagnostics;

namespace VodManager.Core.Ingest;

/// <summary>
/// Deletes imported rows a stream no longer shows (superseded, or stored by an import that failed or died), a batch
/// per statement, taking turns at the writer (<see cref="WriterTurn"/>) so no other write waits long. Rows of an
/// import whose lease is live are spared: that import (in this process or another) is still storing them.
/// </summary>
public sealed class ImportedRowsPurge(IDbContextFactory<VodDbContext> dbFactory, IOptions<IngestOptions> options, TimeProvider time)
{
    private static readonly Expression<Func<ChatMessage, bool>> ChatHidden = ImportedRows.Hidden(ImportedRows.ChatVisible);
    private static readonly Expression<Func<StreamEvent, bool>> EventHidden = ImportedRows.Hidden(ImportedRows.EventVisible);
    private static readonly Expression<Func<TranscriptSegment, bool>> CueHidden = ImportedRows.Hidden(ImportedRows.CueVisible);

    /// <param name="importId">Only that import's rows (the quick way to drop a failed import); null: every hidden row.</param>
    /// <returns>How many rows were deleted.</returns>
    public async Task<long> PurgeAsync(int streamId, long? importId, CancellationToken cancellationToken)
    {
        using var activity = VodActivities.Start(VodActivities.IngestPurge);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var live = db.DataImports.Where(i => i.ExpiresAt > now).Select(i => i.Id);
        // Each batch in the order of the rows' (StreamId, ImportId, time) index: the database reads it straight off the
        // index, no sort, and a batch is a definite set of rows rather than whichever the plan meets first.
        return await DeleteAsync(Hidden(db.ChatMessages, ChatHidden).Where(m => m.StreamId == streamId && (importId == null || m.ImportId == importId) && !live.Contains(m.ImportId))
                .OrderBy(m => m.ImportId).ThenBy(m => m.OffsetSeconds), cancellationToken)
            + await DeleteAsync(Hidden(db.StreamEvents, EventHidden).Where(e => e.StreamId == streamId && (importId == null || e.ImportId == importId) && !live.Contains(e.ImportId))
                .OrderBy(e => e.ImportId).ThenBy(e => e.OffsetSeconds), cancellationToken)
            + await DeleteAsync(Hidden(db.TranscriptSegments, CueHidden).Where(t => t.StreamId == streamId && (importId == null || t.ImportId == importId) && !live.Contains(t.ImportId))
                .OrderBy(t => t.ImportId).ThenBy(t => t.StartSeconds), cancellationToken);
    }

    private static IQueryable<T> Hidden<T>(DbSet<T> rows, Expression<Func<T, bool>> hidden) where T : class =>
        rows.IgnoreQueryFilters([VodDbContext.CurrentImportFilter]).Where(hidden);

    private async Task<long> DeleteAsync<T>(IOrderedQueryable<T> rows, CancellationToken cancellationToken)
    {
        var batch = options.Value.BatchSize;
        var turn = new WriterTurn(time);
        long deleted = 0;
        int last;
        do
        {
            await turn.PassAsync(cancellationToken);
            last = await rows.Take(batch).ExecuteDeleteAsync(cancellationToken);
            deleted += last;
        }
        while (last == batch);

        return deleted;
    }
}
