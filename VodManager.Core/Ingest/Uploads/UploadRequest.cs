namespace VodManager.Core.Ingest.Uploads;

/// <summary>What a browser announces before sending a file.</summary>
/// <param name="FileName">The file's name on the client; only its last segment is kept.</param>
/// <param name="Length">The file's exact size; the quota is reserved for it before any byte travels.</param>
public sealed record UploadRequest(string FileName, long Length, ImportedVideoKind Kind = ImportedVideoKind.Archive, string? Title = null);
