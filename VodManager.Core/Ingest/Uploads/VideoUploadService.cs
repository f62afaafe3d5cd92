using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;
using VodManager.Core.Cutting;
using VodManager.Core.Data.Entities;
using VodManager.Core.Ingest.Video;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Media;
using VodManager.Core.Quota;

namespace VodManager.Core.Ingest.Uploads;

/// <summary>
/// Resumable browser uploads. Starting one reserves the whole size on the quota (refused before a byte travels);
/// each chunk streams straight into storage while it is hashed, and only then is the offset moved on; the last
/// chunk joins the pieces in place and hands the file to <see cref="VideoImportService.FinishAsync"/>. An upload
/// survives dropped connections, reloads and restarts; a cancelled, refused or abandoned one leaves nothing behind.
/// Every step (start, piece, completion, drop) is told to the account's open pages on every node
/// (<see cref="StreamChangeKind.Upload"/>), so an upload sent from one browser is seen going up in every other.
/// </summary>
public sealed class VideoUploadService(
    IDbContextFactory<VodDbContext> dbFactory,
    VideoImportService imports,
    QuotaService quota,
    IUploadStaging staging,
    IProgressBus bus,
    IOptions<VideoImportOptions> options,
    TimeProvider time,
    ILogger<VideoUploadService> logger)
{
    // A request whose client vanished holds the lock until Kestrel notices (its minimum data rate); wait that out.
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(15);
    private readonly Dictionary<Guid, Gate> _locks = [];

    /// <summary>Uploads with a chunk being written or waiting to be (a gate goes as soon as no one holds or awaits it).</summary>
    internal int LockCount
    {
        get
        {
            lock (_locks)
            {
                return _locks.Count;
            }
        }
    }

    public async Task<UploadState> StartAsync(int accountId, int streamId, UploadRequest request, CancellationToken cancellationToken)
    {
        var name = CleanName(request.FileName);
        var max = options.Value.MaxVideoUploadBytes;
        if (request.Length <= 0)
        {
            throw new UploadException(UploadError.Refused, $"'{name}' was refused: the file is empty (0 bytes).");
        }

        if (request.Length > max)
        {
            throw new UploadException(UploadError.TooLarge,
                $"'{name}' is {ByteSize.Format(request.Length)}, over the {ByteSize.Format(max)} upload limit (setting {VideoImportOptions.Section}:{nameof(VideoImportOptions.MaxVideoUploadBytes)}).");
        }

        if (NoRoomFor(name, request.Length, offset: 0) is { } full)
        {
            throw full;
        }

        var id = Guid.NewGuid();
        VodWrite write;
        try
        {
            var target = new VideoImportTarget(accountId, streamId, request.Kind, string.IsNullOrWhiteSpace(request.Title) ? null : request.Title.Trim());
            write = await imports.BeginAsync(target, $"upload-{id:N}", name, request.Length, cancellationToken);
        }
        catch (QuotaExceededException e)
        {
            throw new UploadException(UploadError.QuotaExceeded, $"'{name}' ({ByteSize.Format(request.Length)}) does not fit: {e.Message}", inner: e);
        }
        catch (VideoImportException e)
        {
            throw new UploadException(UploadError.NotFound, e.Message, inner: e);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var upload = new VideoUpload
        {
            Id = id,
            AccountId = accountId,
            StreamId = streamId,
            VodId = write.Vod.Id,
            StorageKey = write.Vod.StorageKey,
            FileName = name,
            Length = request.Length,
            ChunkBytes = options.Value.UploadChunkBytes,
            Status = VideoUploadStatus.Uploading,
            CreatedAt = now,
            ExpiresAt = now + options.Value.UploadSessionLifetime,
        };
        await using (write)
        {
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                db.VideoUploads.Add(upload);
                await db.SaveChangesAsync(cancellationToken);
            }

            write.HandOver();
        }

        Moved(upload);
        logger.LogInformation("Upload {UploadId} of {File} ({Bytes}) started for stream {StreamId}", id, name, ByteSize.Format(request.Length), streamId);
        return UploadState.Of(upload);
    }

    public async Task<UploadState> GetAsync(int accountId, Guid uploadId, CancellationToken cancellationToken) =>
        UploadState.Of(await LoadAsync(accountId, uploadId, cancellationToken));

    /// <summary>
    /// Stores the chunk that starts at <paramref name="offset"/>; it must be exactly one chunk long (the rest of the
    /// file for the last one). The last chunk completes the upload. An empty request at the end retries a
    /// completion that a crash interrupted.
    /// </summary>
    public async Task<UploadState> AppendAsync(int accountId, Guid uploadId, long offset, Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        return await UnderLockAsync(uploadId, cancellationToken, async () =>
        {
            var upload = await LoadAsync(accountId, uploadId, cancellationToken);
            if (upload.Status == VideoUploadStatus.Completed || offset != upload.Offset)
            {
                throw new UploadException(UploadError.OffsetMismatch,
                    upload.Status == VideoUploadStatus.Completed ? "This upload is already complete." : $"This upload continues at byte {upload.Offset}, not {offset}.",
                    upload.Offset);
            }

            var expected = Math.Min(upload.ChunkBytes, upload.Length - upload.Offset);
            if (contentLength != expected)
            {
                throw new UploadException(UploadError.BadRequest,
                    $"The piece at byte {offset} must be exactly {expected} bytes; this one {(contentLength is { } n ? $"is {n}" : "does not say its length")}.");
            }

            // Checked at each chunk too: the disk fills from other writers while a long upload runs.
            if (expected > 0 && NoRoomFor(upload.FileName, upload.Length - upload.Offset, upload.Offset) is { } full)
            {
                await DropAsync(upload);
                throw full;
            }

            if (expected > 0)
            {
                await StoreChunkAsync(upload, body, expected, cancellationToken);
            }

            if (upload.Offset == upload.Length)
            {
                // Completing does not depend on the request: a client that hangs up during validation finds the result later.
                return await CompleteAsync(upload, CancellationToken.None);
            }

            Moved(upload);
            return UploadState.Of(upload);
        });
    }

    /// <summary>
    /// The stream's uploads still waiting for their file, oldest first: the stream page lists them so an editor sees
    /// what holds the account's space and can drop it, not only the browser that started one.
    /// </summary>
    public Task<IReadOnlyList<UnfinishedUpload>> ListUnfinishedAsync(int accountId, int streamId, CancellationToken cancellationToken) =>
        ListUnfinishedAsync(accountId, streamId, sourcesOnly: false, cancellationToken);

    /// <summary>Every stream's unfinished uploads in the account, oldest first: the streams list shows them on their rows.</summary>
    public Task<IReadOnlyList<UnfinishedUpload>> ListUnfinishedAsync(int accountId, CancellationToken cancellationToken) =>
        ListUnfinishedAsync(accountId, null, sourcesOnly: false, cancellationToken);

    /// <param name="sourcesOnly">Only uploads of a stream's source (not of a platform highlight).</param>
    private async Task<IReadOnlyList<UnfinishedUpload>> ListUnfinishedAsync(int accountId, int? streamId, bool sourcesOnly, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var uploads = Unfinished(db, accountId, streamId);
        if (sourcesOnly)
        {
            uploads = uploads.Where(u => db.Vods.Any(v => v.Id == u.VodId && v.Type == VodType.Archive));
        }

        var rows = await uploads
            .OrderBy(u => u.CreatedAt)
            .Select(u => new { u.Id, u.StreamId, u.FileName, u.Length, u.Offset, u.ExpiresAt })
            .ToListAsync(cancellationToken);

        // Each chunk moves the expiry on by the lifetime, so the expiry tells when the upload last moved.
        var settings = options.Value;
        return [.. rows.Select(u =>
        {
            var lastActive = u.ExpiresAt - settings.UploadSessionLifetime;
            return new UnfinishedUpload(u.Id, u.StreamId, u.FileName, u.Length, u.Offset, lastActive, lastActive + settings.UploadIdleAfter, u.ExpiresAt);
        })];
    }

    /// <summary>
    /// Whether a browser is sending the stream a source video now (an unfinished upload of one that moved within
    /// Import:UploadIdleAfter): the stream is detected again once its first source is stored.
    /// </summary>
    public async Task<bool> IsSendingSourceAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return (await ListUnfinishedAsync(accountId, streamId, sourcesOnly: true, cancellationToken)).Any(u => u.IsSending(now));
    }

    /// <summary>
    /// The stream's unfinished upload of this very file, for a browser with no note of it (another computer, another
    /// browser): the same name and length, and every block the browser hashed (the first one at least, once anything
    /// is stored) agreeing with what the server stored. Null when none does: the file then goes up as a new upload.
    /// </summary>
    /// <param name="blockHashes">SHA-256 of some of the file's 1 MiB blocks, by block number.</param>
    public async Task<UploadState?> MatchUnfinishedAsync(int accountId, int streamId, string fileName, long length, IReadOnlyDictionary<int, byte[]> blockHashes, CancellationToken cancellationToken)
    {
        var name = CleanName(fileName);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var candidates = await Unfinished(db, accountId, streamId)
            .Where(u => u.FileName == name && u.Length == length)
            .OrderByDescending(u => u.Offset)
            .ToListAsync(cancellationToken);
        foreach (var upload in candidates)
        {
            var chunks = await db.VideoUploadChunks.AsNoTracking().Where(c => c.UploadId == upload.Id).OrderBy(c => c.Index).Select(c => c.BlockHashes).ToListAsync(cancellationToken);
            var stored = chunks.SelectMany(hashes => hashes.Chunk(32)).ToList();
            if (stored.Count > 0 && !blockHashes.ContainsKey(0))
            {
                continue;
            }

            if (blockHashes.Where(b => b.Key >= 0 && b.Key < stored.Count).All(b => b.Value.AsSpan().SequenceEqual(stored[b.Key])))
            {
                return UploadState.Of(upload);
            }
        }

        return null;
    }

    /// <summary>The stream's (every stream's, for null) uploads a file can still continue: not completed, not expired.</summary>
    private IQueryable<VideoUpload> Unfinished(VodDbContext db, int accountId, int? streamId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var uploads = db.VideoUploads.AsNoTracking()
            .Where(u => u.AccountId == accountId && u.Status == VideoUploadStatus.Uploading && u.ExpiresAt > now);
        return streamId is { } id ? uploads.Where(u => u.StreamId == id) : uploads;
    }

    /// <summary>Stops an upload: its staged bytes and its reservation go. A completed upload's VOD stays.</summary>
    public async Task CancelAsync(int accountId, Guid uploadId, CancellationToken cancellationToken)
    {
        await UnderLockAsync(uploadId, cancellationToken, async () =>
        {
            await DropAsync(await LoadAsync(accountId, uploadId, cancellationToken));
            return true;
        });
    }

    /// <summary>Drops uploads idle past Import:UploadSessionLifetime (and forgets completed ones); returns how many.</summary>
    public async Task<int> SweepExpiredAsync(CancellationToken cancellationToken)
    {
        List<VideoUpload> expired;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var now = time.GetUtcNow().UtcDateTime;
            expired = await db.VideoUploads.AsNoTracking().Where(u => u.ExpiresAt < now).ToListAsync(cancellationToken);
        }

        foreach (var upload in expired)
        {
            await UnderLockAsync(upload.Id, cancellationToken, async () =>
            {
                await DropAsync(upload);
                return true;
            });
            logger.LogInformation("Upload {UploadId} of {File} expired at {Offset} of {Length} bytes; dropped", upload.Id, upload.FileName, upload.Offset, upload.Length);
        }

        return expired.Count;
    }

    /// <summary>The refusal to send when the disk cannot take the <paramref name="remaining"/> bytes; it names no server folder.</summary>
    private UploadException? NoRoomFor(string name, long remaining, long offset)
    {
        try
        {
            staging.EnsureRoom(remaining);
            return null;
        }
        catch (InsufficientDiskSpaceException e)
        {
            var what = offset == 0 ? $"'{name}' ({ByteSize.Format(remaining)}) cannot be stored" : $"The upload of '{name}' was stopped at byte {offset} and dropped";
            return new UploadException(UploadError.NoDiskSpace, $"{what}: {e.Shortfall}.", inner: e);
        }
    }

    private async Task StoreChunkAsync(VideoUpload upload, Stream body, long length, CancellationToken cancellationToken)
    {
        var index = checked((int)(upload.Offset / upload.ChunkBytes));
        using var hasher = new ContentHasher();
        var reading = new HashingReadStream(body, hasher, length,
            read => new UploadException(UploadError.BadRequest, $"The piece at byte {upload.Offset} brought more than the {length} bytes it announced."));
        await staging.WriteChunkAsync(upload.StorageKey, index, upload.Offset, reading, length, cancellationToken);
        if (hasher.Bytes != length)
        {
            throw new UploadException(UploadError.BadRequest, $"The piece at byte {upload.Offset} brought {hasher.Bytes} of its {length} bytes.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var blockHashes = hasher.CompleteBlocks();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.InTransactionAsync(async ct =>
        {
            db.VideoUploadChunks.Add(new VideoUploadChunk { UploadId = upload.Id, Index = index, BlockHashes = blockHashes });
            await db.SaveChangesAsync(ct);
            var moved = await db.VideoUploads.Where(u => u.Id == upload.Id && u.Offset == upload.Offset)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.Offset, u => u.Offset + length).SetProperty(u => u.ExpiresAt, now + options.Value.UploadSessionLifetime), ct);
            if (moved != 1)
            {
                throw new UploadException(UploadError.Busy, "Another request moved this upload on at the same moment; ask where it continues.");
            }
        }, cancellationToken);
        upload.Offset += length;
    }

    private async Task<UploadState> CompleteAsync(VideoUpload upload, CancellationToken cancellationToken)
    {
        ImportedVideo result;
        try
        {
            await staging.CommitAsync(upload.StorageKey, (int)((upload.Length + upload.ChunkBytes - 1) / upload.ChunkBytes), upload.Length, cancellationToken);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var hashes = await db.VideoUploadChunks.Where(c => c.UploadId == upload.Id).OrderBy(c => c.Index).Select(c => c.BlockHashes).ToListAsync(cancellationToken);
            var pending = await db.Vods.AsNoTracking().SingleAsync(v => v.Id == upload.VodId, cancellationToken);
            // Not disposed: until a refusal drops the upload, its row owns the reservation and a retry completes it.
            result = await imports.FinishAsync(quota.ResumeWrite(pending), upload.Length, ContentHasher.Combine(hashes), upload.FileName, ReadFindings.None, null, cancellationToken);
        }
        catch (Exception e) when (e is VideoImportException or QuotaExceededException or UploadException)
        {
            // Refused for good. Anything else (storage or database unreachable) keeps the upload, to complete on a retry.
            await DropAsync(upload);
            throw e as UploadException ?? new UploadException(UploadError.Refused, e.Message, inner: e);
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await db.VideoUploadChunks.Where(c => c.UploadId == upload.Id).ExecuteDeleteAsync(cancellationToken);
            await db.VideoUploads.Where(u => u.Id == upload.Id).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.Status, VideoUploadStatus.Completed)
                .SetProperty(u => u.ResultVodId, result.Vod.Id)
                .SetProperty(u => u.AlreadyImported, result.AlreadyImported), cancellationToken);
        }

        upload.Status = VideoUploadStatus.Completed;
        upload.ResultVodId = result.Vod.Id;
        upload.AlreadyImported = result.AlreadyImported;
        Moved(upload);
        logger.LogInformation("Upload {UploadId} of {File} completed as VOD {VodId}{Duplicate}", upload.Id, upload.FileName, result.Vod.Id, result.AlreadyImported ? " (already imported)" : "");
        return UploadState.Of(upload) with { Note = result.Note };
    }

    /// <summary>Removes an upload: staged bytes, the pending reservation (a completed upload's VOD stays), the row.</summary>
    private async Task DropAsync(VideoUpload upload)
    {
        if (upload.Status == VideoUploadStatus.Uploading)
        {
            await staging.DiscardAsync(upload.StorageKey, CancellationToken.None);
            await quota.ReleaseAsync(upload.VodId);
        }

        await using (var db = await dbFactory.CreateDbContextAsync(CancellationToken.None))
        {
            await db.VideoUploads.Where(u => u.Id == upload.Id).ExecuteDeleteAsync(CancellationToken.None);
        }

        if (upload.Status == VideoUploadStatus.Uploading)
        {
            Moved(upload);
        }
    }

    /// <summary>Tells the account's open pages that the upload moved on, completed or went.</summary>
    private void Moved(VideoUpload upload) => bus.PublishChange(new StreamChange(upload.AccountId, upload.StreamId, StreamChangeKind.Upload));

    private async Task<VideoUpload> LoadAsync(int accountId, Guid uploadId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.VideoUploads.AsNoTracking().SingleOrDefaultAsync(u => u.Id == uploadId && u.AccountId == accountId, cancellationToken)
            ?? throw new UploadException(UploadError.NotFound, "This upload does not exist (any more): it was completed and forgotten, cancelled, refused, or it expired.");
    }

    private async Task<T> UnderLockAsync<T>(Guid uploadId, CancellationToken cancellationToken, Func<Task<T>> work)
    {
        Gate gate;
        lock (_locks)
        {
            if (!_locks.TryGetValue(uploadId, out gate!))
            {
                _locks[uploadId] = gate = new Gate();
            }

            gate.Users++;
        }

        try
        {
            if (!await gate.Semaphore.WaitAsync(LockWait, cancellationToken))
            {
                throw new UploadException(UploadError.Busy, "Another piece of this upload is still being written; try again in a moment.");
            }

            try
            {
                return await work();
            }
            finally
            {
                gate.Semaphore.Release();
            }
        }
        finally
        {
            lock (_locks)
            {
                if (--gate.Users == 0)
                {
                    _locks.Remove(uploadId);
                    gate.Semaphore.Dispose();
                }
            }
        }
    }

    /// <summary>One upload's lock and how many requests hold or await it; the last one out removes it.</summary>
    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public int Users { get; set; }
    }

    private static string CleanName(string fileName)
    {
        var name = new string(Path.GetFileName(fileName.Replace('\\', '/')).Where(c => !char.IsControl(c)).ToArray()).Trim();
        return name.Length == 0 ? "video" : name.Length > 200 ? name[..200] : name;
    }
}
