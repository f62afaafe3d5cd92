using Microsoft.Extensions.Options;
using VodManager.Core.Cutting;
using VodManager.Core.Storage;

namespace VodManager.Core.Ingest.Uploads;

/// <summary>
/// Appends chunks to a partial file next to the final one (same folder, same file system), so completing is a
/// rename. The database's offset is the truth: bytes past it (a chunk cut off mid-way) are cut before writing.
/// </summary>
public sealed class LocalDiskUploadStaging(LocalDiskStorage storage, IOptions<CuttingOptions> cutting) : IUploadStaging
{
    private const string PartialSuffix = ".upload";

    public void EnsureRoom(long bytes) => DiskSpace.EnsureFree(storage.Root, bytes, cutting.Value.MinFreeDiskBytes, "an upload");

    public async Task WriteChunkAsync(string key, int index, long offset, Stream content, long length, CancellationToken cancellationToken)
    {
        var partial = PartialPath(key);
        Directory.CreateDirectory(Path.GetDirectoryName(partial)!);
        await using var file = new FileStream(partial, new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
            BufferSize = 1 << 16,
        });
        if (file.Length < offset)
        {
            throw new UploadException(UploadError.Lost, $"Only {file.Length} of the {offset} bytes received so far are still stored; start the upload again.");
        }

        file.SetLength(offset);
        file.Position = offset;
        try
        {
            await content.CopyToAsync(file, 1 << 20, cancellationToken);
            await file.FlushAsync(cancellationToken);
            // The offset is recorded once this returns: the chunk must survive a power cut by then.
            file.Flush(flushToDisk: true);
            if (file.Length != offset + length)
            {
                throw new UploadException(UploadError.BadRequest, $"The piece brought {file.Length - offset} bytes instead of {length}.");
            }
        }
        catch
        {
            file.SetLength(offset);
            throw;
        }
    }

    public Task<long> StagedBytesAsync(string key, int chunkCount, CancellationToken cancellationToken) =>
        Task.FromResult(new FileInfo(PartialPath(key)) is { Exists: true } partial ? partial.Length : 0);

    public Task CommitAsync(string key, int chunkCount, long length, CancellationToken cancellationToken)
    {
        var partial = PartialPath(key);
        var final = FinalPath(key);
        if (!File.Exists(partial) && new FileInfo(final) is { Exists: true } done && done.Length == length)
        {
            return Task.CompletedTask; // committed before a crash; this is the retry
        }

        var staged = new FileInfo(partial);
        if (!staged.Exists || staged.Length != length)
        {
            throw new UploadException(UploadError.Lost, $"The stored upload has {(staged.Exists ? staged.Length : 0)} of {length} bytes; start the upload again.");
        }

        File.Move(partial, final, overwrite: false);
        return Task.CompletedTask;
    }

    public Task DiscardAsync(string key, CancellationToken cancellationToken)
    {
        // Before the first chunk even the folder may not exist, and File.Delete throws for a missing folder.
        var partial = PartialPath(key);
        if (File.Exists(partial))
        {
            File.Delete(partial);
        }

        return Task.CompletedTask;
    }

    private string FinalPath(string key) => storage.TryGetLocalPath(key) ?? throw new InvalidOperationException("Local disk storage has no path for " + key);

    private string PartialPath(string key) => FinalPath(key) + PartialSuffix;
}
