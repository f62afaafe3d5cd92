using VodManager.Core.Ingest.Uploads;

namespace VodManager.Core.Data.Entities;

/// <summary>
/// A browser upload in progress: the bytes received so far sit in storage (staged blocks on Blob, a partial file on
/// disk) and the quota already holds the whole size through the pending VOD row <see cref="VodId"/>. The client
/// continues from <see cref="Offset"/> after a dropped connection, a reload, or a restart of the server.
/// </summary>
public sealed class VideoUpload
{
    public Guid Id { get; set; }
    public int AccountId { get; set; }
    public int StreamId { get; set; }

    /// <summary>The pending VOD that holds the reservation and the storage key.</summary>
    public int VodId { get; set; }

    public required string StorageKey { get; set; }
    public required string FileName { get; set; }
    public long Length { get; set; }

    /// <summary>Bytes received and stored; always a whole number of chunks.</summary>
    public long Offset { get; set; }

    /// <summary>Fixed when the upload starts, so a settings change never breaks an upload in flight.</summary>
    public int ChunkBytes { get; set; }

    public VideoUploadStatus Status { get; set; }

    /// <summary>Once completed: the stored VOD (an earlier one when the same file was already there).</summary>
    public int? ResultVodId { get; set; }
    public bool AlreadyImported { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Pushed forward by every chunk; an upload idle past this is dropped with its bytes and reservation.</summary>
    public DateTime ExpiresAt { get; set; }

    public List<VideoUploadChunk> Chunks { get; set; } = [];
}
