using VodManager.Core.Data.Entities;
using VodManager.Core.Diagnostics;
using VodManager.Core.Media;
using VodManager.Core.Storage;

namespace VodManager.Core.Quota;

/// <summary>
/// The shared steps of writes that render into a local work folder first (clips, exports): a crashed attempt's
/// partial object dropped, the rendered file stored under the reserved key and charged, the work folder removed.
/// </summary>
public static class RenderedVodWrite
{
    public static async Task DropStaleAsync(IVodStorage storage, ReservationOutcome reservation)
    {
        if (reservation.StaleKey is { } stale)
        {
            // A crashed attempt may have left a partial upload under the old key.
            await storage.DeleteAsync(stale, CancellationToken.None);
        }
    }

    /// <summary>Stores the file under the reserved VOD's key and commits the reservation at the file's real size.</summary>
    public static async Task<Vod> StoreAsync(IVodStorage storage, QuotaService quota, Vod reserved, string path, long bytes, MediaInfo media, CancellationToken cancellationToken)
    {
        using (var activity = VodActivities.Start(VodActivities.StoragePut))
        {
            activity?.SetTag("bytes", bytes);
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await storage.PutAsync(reserved.StorageKey, file, bytes, cancellationToken);
        }

        return await quota.CommitAsync(reserved.Id, bytes, media, cancellationToken);
    }

    public static void DeleteWorkFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // ffmpeg may still be closing a file after a kill; the start-up sweep removes the rest.
        }
    }
}
