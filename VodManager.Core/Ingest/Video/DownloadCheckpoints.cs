using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VodManager.Core.Cutting;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Ingest.Uploads;
using VodManager.Core.Library;
using VodManager.Core.Quota;
using VodManager.Core.Storage;

namespace VodManager.Core.Ingest.Video;

/// <summary>
/// Stores a URL download a checkpoint at a time (<c>Import:UrlCheckpointBytes</c>): each stretch goes to the storage's
/// staging (a partial file on disk, uncommitted blocks on Blob, as a browser upload's chunks do) and is then recorded
/// with its block hashes and where the source stands (<see cref="DownloadResume"/>), so a job recovered after its node
/// died goes on from the last checkpoint, on any node, instead of downloading a 10 GB VOD again. The next stretch is
/// read while one is being stored. The last one joins them in place. An attempt that fails, is refused or cancelled
/// drops what it staged (<see cref="AbandonAsync"/>); only a crash leaves it, for the recovered job.
/// </summary>
public sealed class DownloadCheckpoints(
    IDbContextFactory<VodDbContext> dbFactory,
    IUploadStaging staging,
    IVodStorage storage,
    QuotaService quota,
    IOptions<VideoImportOptions> options,
    ILogger<DownloadCheckpoints> logger)
{
    /// <summary>
    /// The last checkpoint of the download a crashed attempt left under pending VOD <paramref name="externalId"/>,
    /// when every stretch before it is still staged; else null, and whatever is left of it is dropped.
    /// </summary>
    public async Task<DownloadProgress?> FindAsync(int accountId, string externalId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = await PendingAsync(db, accountId, externalId, cancellationToken);
        if (pending is null)
        {
            return null;
        }

        var rows = await db.DownloadCheckpoints.AsNoTracking().Where(c => c.VodId == pending.Id).OrderBy(c => c.Index).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return null;
        }

        var staged = await staging.StagedBytesAsync(pending.StorageKey, rows.Count, cancellationToken);
        if (rows[^1].Index != rows.Count - 1 || staged < rows[^1].End)
        {
            logger.LogWarning("The download of VOD {VodId} stopped at {Bytes} bytes, of which {Staged} are still staged; it starts again", pending.Id, rows[^1].End, staged);
            await DiscardAsync(pending.Id, pending.StorageKey, cancellationToken);
            return null;
        }

        return new DownloadProgress(pending.Id, pending.StorageKey, rows[^1].End, [.. rows.Select(r => r.BlockHashes)],
            JsonSerializer.Deserialize<DownloadResume>(rows[^1].Resume) ?? throw new InvalidDataException($"Checkpoint {rows[^1].Index} of VOD {pending.Id} has no source position."));
    }

    /// <summary>Drops a download's staged bytes and checkpoints: its source cannot be taken up where it stopped.</summary>
    public async Task DiscardAsync(DownloadProgress progress, CancellationToken cancellationToken) =>
        await DiscardAsync(progress.VodId, progress.StorageKey, cancellationToken);

    /// <summary>
    /// After an attempt failed for good: drops what it staged under <paramref name="stagedKey"/>, and what a crashed
    /// attempt of the same import left (its pending VOD <paramref name="externalId"/>, with its reservation and its
    /// staged bytes), since no later attempt will take them up. Runs to the end whatever the attempt's token says.
    /// </summary>
    public async Task AbandonAsync(int accountId, string externalId, string? stagedKey)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            var pending = await PendingAsync(db, accountId, externalId, CancellationToken.None);
            foreach (var key in new[] { stagedKey, pending?.StorageKey }.OfType<string>().Distinct())
            {
                await staging.DiscardAsync(key, CancellationToken.None);
            }

            if (pending is not null)
            {
                await quota.ReleaseAsync(pending.Id);
            }
        }
        catch (Exception e)
        {
            // The attempt's own failure is what its job reports; this one only leaves bytes for the operator to find.
            logger.LogWarning(e, "Could not drop what the failed download {ExternalId} staged under {Key}", externalId, stagedKey);
        }
    }

    /// <summary>
    /// Reads <paramref name="source"/> to its end into the storage key of <paramref name="pending"/>, going on after
    /// <paramref name="from"/> when given (the source then starts where it stopped). <paramref name="hasher"/> must see
    /// every byte read from <paramref name="source"/> (a <see cref="HashingReadStream"/> over it). On a failure what
    /// was staged stays, for <see cref="AbandonAsync"/>.
    /// </summary>
    /// <param name="resume">Where the source stands, asked after each stretch is read.</param>
    /// <param name="name">The file's name, for messages.</param>
    /// <returns>The bytes stored and their content hash (<see cref="ContentHasher"/>), with the checkpoints gone.</returns>
    public async Task<(long Bytes, string Hash)> StoreAsync(
        Vod pending, DownloadProgress? from, Stream source, ContentHasher hasher, Func<DownloadResume> resume, string name, long? length, CancellationToken cancellationToken)
    {
        var size = options.Value.UrlCheckpointBytes;
        var hashes = from?.BlockHashes.ToList() ?? [];
        var (index, offset) = (hashes.Count, from?.Offset ?? 0);
        byte[][] buffers = [GC.AllocateUninitializedArray<byte>(size), GC.AllocateUninitializedArray<byte>(size)];
        var storing = Task.CompletedTask;
        try
        {
            EnsureRoom(name, (length ?? 0) - offset, offset);
            while (true)
            {
                // One stretch is read while the one before it is being stored; their buffers alternate.
                var buffer = buffers[index % 2];
                var filled = await source.ReadAtLeastAsync(buffer, size, throwOnEndOfStream: false, cancellationToken);
                var last = filled < size;
                var blocks = last ? hasher.CompleteBlocks() : hasher.TakeBlocks();
                var state = resume();
                await storing;
                if (filled == 0)
                {
                    break;
                }

                EnsureRoom(name, filled, offset);
                hashes.Add(blocks);
                storing = StageAsync(pending.Id, pending.StorageKey, index, offset, buffer, filled, blocks, state, cancellationToken);
                (index, offset) = (index + 1, offset + filled);
                if (last)
                {
                    break;
                }
            }

            await storing;
            if (index == 0)
            {
                // An empty download: a disk's staging has no file to join; ffprobe refuses it once stored.
                await storage.PutAsync(pending.StorageKey, Stream.Null, 0, cancellationToken);
            }
            else
            {
                await staging.CommitAsync(pending.StorageKey, index, offset, cancellationToken);
            }
        }
        catch
        {
            // What was staged is the caller's to abandon, once no stretch is still being written.
            await storing.ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }

        await using (var db = await dbFactory.CreateDbContextAsync(CancellationToken.None))
        {
            await db.DownloadCheckpoints.Where(c => c.VodId == pending.Id).ExecuteDeleteAsync(CancellationToken.None);
        }

        return (offset, ContentHasher.Combine(hashes));
    }

    private static Task<PendingWrite?> PendingAsync(VodDbContext db, int accountId, string externalId, CancellationToken cancellationToken) =>
        db.Vods.AsNoTracking()
            .Where(v => v.AccountId == accountId && v.ExternalId == externalId && v.Status == VodStatus.Pending)
            .Select(v => new PendingWrite(v.Id, v.StorageKey))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>Stores one stretch, then records it: a checkpoint only ever names bytes already stored.</summary>
    private async Task StageAsync(int vodId, string key, int index, long offset, byte[] buffer, int length, byte[] blocks, DownloadResume state, CancellationToken cancellationToken)
    {
        await using (var content = new MemoryStream(buffer, 0, length, writable: false))
        {
            await staging.WriteChunkAsync(key, index, offset, content, length, cancellationToken);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.DownloadCheckpoints.Add(new DownloadCheckpoint
        {
            VodId = vodId,
            Index = index,
            End = offset + length,
            BlockHashes = blocks,
            Resume = JsonSerializer.Serialize(state),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <param name="offset">Bytes stored so far.</param>
    private void EnsureRoom(string name, long bytes, long offset)
    {
        try
        {
            staging.EnsureRoom(Math.Max(0, bytes));
        }
        catch (InsufficientDiskSpaceException e)
        {
            var what = offset == 0 ? $"'{name}' cannot be stored" : $"The download of '{name}' was stopped at {ByteSize.Format(offset)}";
            throw new VideoImportException($"{what}: {e.Shortfall}; nothing was kept.", e);
        }
    }

    private async Task DiscardAsync(int vodId, string key, CancellationToken cancellationToken)
    {
        await staging.DiscardAsync(key, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.DownloadCheckpoints.Where(c => c.VodId == vodId).ExecuteDeleteAsync(cancellationToken);
    }
}

internal sealed record PendingWrite(int Id, string StorageKey);

/// <summary>How far a crashed attempt's download got: the bytes stored under its pending VOD's key, their block hashes by stretch, and where its source stood.</summary>
public sealed record DownloadProgress(int VodId, string StorageKey, long Offset, IReadOnlyList<byte[]> BlockHashes, DownloadResume Resume);
