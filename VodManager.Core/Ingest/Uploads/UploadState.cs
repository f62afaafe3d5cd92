using VodManager.Core.Data.Entities;

namespace VodManager.Core.Ingest.Uploads;

/// <summary>An upload as the client sees it: where to continue, and once completed, the VOD it became.</summary>
/// <param name="Note">On the answer that completes it: what the import says of a new source (<see cref="ImportedVideo.Note"/>).</param>
public sealed record UploadState(
    Guid Id,
    int StreamId,
    string FileName,
    long Length,
    long Offset,
    int ChunkBytes,
    VideoUploadStatus Status,
    int? VodId,
    bool AlreadyImported,
    string Note = "")
{
    internal static UploadState Of(VideoUpload u) =>
        new(u.Id, u.StreamId, u.FileName, u.Length, u.Offset, u.ChunkBytes, u.Status, u.ResultVodId, u.AlreadyImported);
}
