namespace VodManager.Core.Ingest.Uploads;

/// <summary>
/// Where the chunks of a resumable upload wait until the last one arrives: each chunk goes straight to its final
/// storage once (staged blocks on Blob, a partial file on disk), and completing joins them in place, so no byte is
/// written twice. Until then nothing is visible at the storage key.
/// </summary>
public interface IUploadStaging
{
    /// <summary>
    /// Throws <see cref="Cutting.InsufficientDiskSpaceException"/> when this server's disk cannot take
    /// <paramref name="bytes"/> more and keep Cutting:MinFreeDiskBytes free (the cuts' preflight).
    /// </summary>
    void EnsureRoom(long bytes);

    /// <summary>Stores chunk <paramref name="index"/>, which starts at byte <paramref name="offset"/>; a retried chunk replaces the earlier attempt.</summary>
    Task WriteChunkAsync(string key, int index, long offset, Stream content, long length, CancellationToken cancellationToken);

    /// <summary>Joins chunks 0..count-1 into the object at <paramref name="key"/>; safe to repeat after a crash.</summary>
    Task CommitAsync(string key, int chunkCount, long length, CancellationToken cancellationToken);

    /// <summary>Drops whatever was staged for <paramref name="key"/> (not a committed object).</summary>
    Task DiscardAsync(string key, CancellationToken cancellationToken);
}
