using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Ingest.Uploads;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Quota;

namespace VodManager.Core.Streams;

/// <summary>
/// Creates, edits and deletes an account's streams. Deleting removes everything the stream owns: its videos, clips
/// and exports go through <see cref="QuotaService"/> (space freed, storage emptied, the ledger exact), unfinished
/// uploads are dropped, and then every row that hangs off the stream goes in one transaction. Who may do this
/// (editors and owners) is the caller's check; every query here is scoped to the account.
/// </summary>
public sealed class StreamManager(
    IDbContextFactory<VodDbContext> dbFactory,
    QuotaService quota,
    VideoUploadService uploads,
    VodPins pins,
    IProgressBus bus,
    TimeProvider time,
    ILogger<StreamManager> logger)
{
    public async Task<int> CreateAsync(int accountId, StreamDetails details, CancellationToken cancellationToken)
    {
        var valid = details.Checked();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Accounts.AnyAsync(a => a.Id == accountId, cancellationToken))
        {
            throw new StreamException($"Account {accountId} was not found.");
        }

        var stream = new LiveStream
        {
            AccountId = accountId,
            Title = valid.Title,
            Channel = valid.Channel,
            StartedAt = valid.StartedAt,
            StartAssumed = valid.StartAssumed,
            DurationSeconds = valid.DurationSeconds,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Streams.Add(stream);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Created stream {StreamId} '{Title}' of {Channel} in account {AccountId}", stream.Id, stream.Title, stream.Channel, accountId);
        return stream.Id;
    }

    /// <summary>Renames the stream and changes its details; the length stays what the source says when none is given.</summary>
    public async Task UpdateAsync(int accountId, int streamId, StreamDetails details, CancellationToken cancellationToken)
    {
        var valid = details.Checked();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stream = await FindAsync(db, accountId, streamId, cancellationToken);
        stream.Title = valid.Title;
        stream.Channel = valid.Channel;
        if (stream.StartedAt != valid.StartedAt)
        {
            // A start the editor typed is given, even where it replaces one nobody gave.
            stream.StartedAt = valid.StartedAt;
            stream.StartAssumed = false;
        }

        stream.DurationSeconds = valid.DurationSeconds ?? stream.DurationSeconds;
        await db.SaveChangesAsync(cancellationToken);
        bus.PublishChange(new StreamChange(accountId, streamId, StreamChangeKind.Details));
    }

    /// <summary>What <see cref="DeleteAsync"/> would remove now, and how much space it would return.</summary>
    public async Task<StreamDeletion> DescribeDeletionAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stream = await FindAsync(db, accountId, streamId, cancellationToken);
        var vods = await db.Vods.AsNoTracking().Where(v => v.AccountId == accountId && v.StreamId == streamId)
            .Select(v => new { v.Type, v.Provenance, v.SizeBytes, v.Status })
            .ToListAsync(cancellationToken);
        var stored = vods.Where(v => v.Status == VodStatus.Stored).ToList();
        return new StreamDeletion(
            streamId,
            stream.Title,
            stored.Count(v => v.Type == VodType.Archive || v.Provenance == VodProvenance.PlatformHighlight),
            stored.Count(v => v.Type == VodType.Highlight && v.Provenance != VodProvenance.PlatformHighlight),
            stored.Count(v => v.Type == VodType.Export),
            stored.Count(v => v.Type == VodType.BrowserCopy),
            vods.Sum(v => v.SizeBytes),
            await db.ChatMessages.CountAsync(m => m.StreamId == streamId, cancellationToken),
            await db.StreamEvents.CountAsync(e => e.StreamId == streamId, cancellationToken),
            await db.TranscriptSegments.CountAsync(t => t.StreamId == streamId, cancellationToken),
            await db.Highlights.CountAsync(h => h.StreamId == streamId, cancellationToken));
    }

    /// <summary>
    /// Deletes the stream and everything it owns; refused while one of its jobs is queued or running, or a job of
    /// another stream reads one of its videos. Returns what went.
    /// </summary>
    public async Task<StreamDeletion> DeleteAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        var deletion = await DescribeDeletionAsync(accountId, streamId, cancellationToken);
        List<Vod> live;
        List<Guid> openUploads;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Jobs.AsNoTracking().Where(j => j.AccountId == accountId && j.StreamId == streamId && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running))
                    .Select(j => j.Title).FirstOrDefaultAsync(cancellationToken) is { } running)
            {
                throw new StreamException($"Stream '{deletion.Title}' has a job in progress ({running}); delete it once the job has finished.");
            }

            live = await db.Vods.AsNoTracking().Where(v => v.AccountId == accountId && v.StreamId == streamId).ToListAsync(cancellationToken);
            var pinned = await pins.PinnedAsync(db, cancellationToken);
            if (live.FirstOrDefault(v => pinned.Contains(v.Id)) is { } inUse)
            {
                throw new StreamException($"Stream '{deletion.Title}' cannot be deleted yet: '{inUse.Title}' is being read by a running job; try again when it finishes.");
            }

            openUploads = await db.VideoUploads.AsNoTracking().Where(u => u.AccountId == accountId && u.StreamId == streamId).Select(u => u.Id).ToListAsync(cancellationToken);
        }

        foreach (var upload in openUploads)
        {
            await uploads.CancelAsync(accountId, upload, cancellationToken);
        }

        // Through the quota one by one: each frees its bytes and its stored object, so a failure part-way leaves an exact
        // ledger. Exports and browser copies first: deleting what they were made from would take them along.
        foreach (var vod in live.OrderByDescending(v => v.SourceVodId is not null))
        {
            if (vod.Status == VodStatus.Stored)
            {
                await quota.DeleteAsync(accountId, vod.Id, cancellationToken);
            }
            else
            {
                await quota.ReleaseAsync(vod.Id);
            }
        }

        await RemoveRowsAsync(accountId, streamId);
        logger.LogInformation("Deleted stream {StreamId} '{Title}' of account {AccountId}: {What}, {Bytes} bytes freed", streamId, deletion.Title, accountId, deletion.Describe(), deletion.Bytes);
        return deletion;
    }

    /// <summary>The rows left once the stored objects are gone: all of them, or (on failure) none.</summary>
    private async Task RemoveRowsAsync(int accountId, int streamId)
    {
        // The objects are gone already: a late cancel must not leave their rows behind.
        var none = CancellationToken.None;
        await using var db = await dbFactory.CreateDbContextAsync(none);
        await db.InTransactionAsync(async ct =>
        {
            var vods = db.Vods.IgnoreQueryFilters().Where(v => v.AccountId == accountId && v.StreamId == streamId);
            await db.VodPins.Where(p => vods.Any(v => v.Id == p.VodId)).ExecuteDeleteAsync(ct);

            // Highlights first: a highlight points at its clip's row. Their activity and refinement history cascade.
            await db.Highlights.Where(h => h.AccountId == accountId && h.StreamId == streamId).ExecuteDeleteAsync(ct);
            await vods.ExecuteDeleteAsync(ct);
            // Hidden rows too: a superseded import not yet purged.
            await db.ChatMessages.IgnoreQueryFilters([VodDbContext.CurrentImportFilter]).Where(m => m.StreamId == streamId).ExecuteDeleteAsync(ct);
            await db.StreamEvents.IgnoreQueryFilters([VodDbContext.CurrentImportFilter]).Where(e => e.StreamId == streamId).ExecuteDeleteAsync(ct);
            await db.TranscriptSegments.IgnoreQueryFilters([VodDbContext.CurrentImportFilter]).Where(t => t.StreamId == streamId).ExecuteDeleteAsync(ct);
            await db.Notifications.Where(n => n.AccountId == accountId && n.StreamId == streamId).ExecuteDeleteAsync(ct);
            await db.Jobs.Where(j => j.AccountId == accountId && j.StreamId == streamId).ExecuteDeleteAsync(ct);
            await db.Streams.Where(s => s.AccountId == accountId && s.Id == streamId).ExecuteDeleteAsync(ct);
        }, none);
    }

    private static async Task<LiveStream> FindAsync(VodDbContext db, int accountId, int streamId, CancellationToken cancellationToken) =>
        await db.Streams.SingleOrDefaultAsync(s => s.Id == streamId && s.AccountId == accountId, cancellationToken)
        ?? throw new StreamException($"Stream {streamId} was not found.");
}
