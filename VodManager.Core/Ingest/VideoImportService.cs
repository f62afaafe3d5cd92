using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Events;
using VodManager.Core.Jobs;
using VodManager.Core.Media;
using VodManager.Core.Quota;
using VodManager.Core.Storage;

namespace VodManager.Core.Ingest;

/// <summary>
/// Stores a stream's source video (the archive): probe first, reserve its size on the quota, copy it into storage,
/// commit. Any failure releases the reservation and removes what was written, so a refused file leaves no trace.
/// </summary>
public sealed class VideoImportService(
    IDbContextFactory<VodDbContext> dbFactory,
    MediaProbe probe,
    QuotaService quota,
    IVodStorage storage,
    DomainEvents events,
    ILogger<VideoImportService> logger)
{
    public async Task<Vod> ImportLocalFileAsync(int accountId, int streamId, string path, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new VideoImportException($"'{path}': no such file.");
        }

        if (file.Length == 0)
        {
            throw new VideoImportException($"'{file.Name}': the file is empty.");
        }

        progress?.Report(new JobProgress("probing", 2));
        MediaInfo media;
        try
        {
            media = await probe.ProbeAsync(file.FullName, cancellationToken);
        }
        catch (FfmpegException e)
        {
            throw new VideoImportException($"'{file.Name}': not a readable video ({e.Message}).", e);
        }

        if (!media.HasVideo)
        {
            throw new VideoImportException($"'{file.Name}': has no video stream.");
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            _ = await db.Streams.SingleOrDefaultAsync(s => s.Id == streamId && s.AccountId == accountId, cancellationToken)
                ?? throw new VideoImportException($"Stream {streamId} was not found.");
        }

        var reservation = await quota.ReserveAsync(new VodReservation(
            accountId,
            streamId,
            VodType.Archive,
            Provenance: null,
            ExternalId: $"archive-{streamId}-{Guid.NewGuid():N}",
            Title: Path.GetFileNameWithoutExtension(file.Name),
            StorageKey: StorageKeys.Archive(accountId, streamId, file.Extension),
            EstimatedBytes: file.Length), cancellationToken);

        var vod = reservation.Vod;
        try
        {
            progress?.Report(new JobProgress("storing", 5, ByteSize.Format(file.Length)));
            await using (var source = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan))
            {
                await storage.PutAsync(vod.StorageKey, source, file.Length, cancellationToken);
            }

            var stored = await quota.CommitAsync(vod.Id, file.Length, media, cancellationToken);
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                await db.Streams.Where(s => s.Id == streamId).ExecuteUpdateAsync(s => s.SetProperty(x => x.DurationSeconds, media.DurationSeconds), cancellationToken);
            }

            await events.PublishAsync(new VodArchivedEvent(stored.Id, accountId, streamId, VodType.Archive, null, stored.Title), CancellationToken.None);
            progress?.Report(new JobProgress("stored", 100));
            logger.LogInformation("Imported {File} ({Bytes}) as VOD {VodId} of stream {StreamId}", file.Name, file.Length, stored.Id, streamId);
            return stored;
        }
        catch
        {
            await quota.ReleaseAsync(vod.Id);
            throw;
        }
    }
}
