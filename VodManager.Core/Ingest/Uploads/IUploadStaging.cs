using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VodManager.Core.Cutting;
using VodManager.Core.Storage;

namespace VodManager.Core.Ingest.Uploads;

/// <summary>
/// Where the chunks of a resumable upload wait until the last one arrives: each chunk goes straight to its final
/// storage once (staged blocks on Blob, a partial file on disk), and completing joins them in place, so no byte is
/// written twice. Until then nothing is visible at the storage key. A URL download is stored the same way, a
/// checkpoint per chunk (<see cref="Video.DownloadCheckpoints"/>).
/// </summary>
public interface IUploadStaging
{
    /// <summary>The staging of <paramref name="storage"/>, whose own means (a partial file, uncommitted blocks) it uses.</summary>
    static IUploadStaging For(IVodStorage storage, IServiceProvider services) => storage switch
    {
        AzureBlobStorage blob => new AzureBlobUploadStaging(blob),
        LocalDiskStorage disk => new LocalDiskUploadStaging(disk, services.GetRequiredService<IOptions<CuttingOptions>>()),
        var other => throw new ConfigurationException($"{StorageOptions.Section}:Provider", $"{other.Name} storage cannot take resumable uploads."),
    };

    /// <summary>
    /// Throws <see cref="Cutting.InsufficientDiskSpaceException"/> when this server's disk cannot take
    /// <paramref name="bytes"/> more and keep Cutting:MinFreeDiskBytes free (the cuts' preflight).
    /// </summary>
    void EnsureRoom(long bytes);

    /// <summary>Stores chunk <paramref name="index"/>, which starts at byte <paramref name="offset"/>; a retried chunk replaces the earlier attempt.</summary>
    Task WriteChunkAsync(string key, int index, long offset, Stream content, long length, CancellationToken cancellationToken);

    /// <summary>
    /// How many bytes chunks 0..count-1 hold as staged now (fewer than were written when some are gone: a partial file
    /// removed, blocks expired); a chunk still being written when its writer died may count in part.
    /// </summary>
    Task<long> StagedBytesAsync(string key, int chunkCount, CancellationToken cancellationToken);

    /// <summary>Joins chunks 0..count-1 into the object at <paramref name="key"/>; safe to repeat after a crash.</summary>
    Task CommitAsync(string key, int chunkCount, long length, CancellationToken cancellationToken);

    /// <summary>Drops whatever was staged for <paramref name="key"/> (not a committed object).</summary>
    Task DiscardAsync(string key, CancellationToken cancellationToken);
}
