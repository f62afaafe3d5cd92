namespace VodManager.Core.Data.Entities;

/// <summary>One stored chunk of an upload, with the SHA-256 of each 1 MiB block in it, so the file's content hash needs no second read.</summary>
public sealed class VideoUploadChunk
{
    public Guid UploadId { get; set; }
    public int Index { get; set; }
    public required byte[] BlockHashes { get; set; }
}
