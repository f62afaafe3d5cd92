using VodManager.Core.Data.Entities;

namespace VodManager.Core.Ingest.Uploads;

/// <summary>An upload as the client sees it: where to continue, and once completed, the VOD it became.</summary>
public sealed record UploadState(
    Guid Id,
    int StreamId,
    string FileName,
    long Length,
    long Offset,
    int ChunkBytes,
    VideoUploadStatus Status,
    int? VodId,
    bool AlreadyImported)
{
    internal static UploadState Of(VideoUpload u) =>
        new(u.Id, u.StreamId, u.FileName, u.Length, u.Offset, u.ChunkBytes, u.Status, u.ResultVodId, u.AlreadyImported);
}
