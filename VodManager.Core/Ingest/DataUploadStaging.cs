using VodManager.Core.Nodes;
using VodManager.Core.Storage;

namespace VodManager.Core.Ingest;

/// <summary>
/// Chat, events and transcript files sent from a browser. The browser reaches one node, but the import job may run on
/// any node of the cluster (or on another after a failover), so an upload is saved on the receiving node only until
/// its job is queued, then moved into the shared storage; the job fetches it into its own node's folder and removes
/// both copies when it ends. Files a dead node left in its folder go in the start-up sweep.
/// </summary>
public sealed class DataUploadStaging(IVodStorage storage, WorkAreas work)
{
    /// <summary>The folder of every node's upload folders (<see cref="LocalNode.FolderIn"/>).</summary>
    public string Root => work.Uploads.Root;

    private string Folder => work.Uploads.Folder;

    /// <summary>
    /// Saves an upload on this node and returns where. The original name (made safe) stays visible in the job's
    /// title and in errors; the suffix keeps two uploads apart. A failed or cut-off upload leaves no file behind.
    /// </summary>
    public async Task<string> SaveAsync(Stream source, string fileName, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var safe = string.Concat(Path.GetFileNameWithoutExtension(fileName).Split(Path.GetInvalidFileNameChars()));
        var path = Path.Combine(Folder, $"{safe}-{Guid.NewGuid().ToString("N")[..8]}{Path.GetExtension(fileName)}");
        await CopyToNewFileAsync(source, path, cancellationToken);
        return path;
    }

    /// <summary>Moves a saved upload into the shared storage, for a job on any node; returns its key.</summary>
    public async Task<string> ShareAsync(int accountId, string path, CancellationToken cancellationToken)
    {
        var key = StorageKeys.DataUpload(accountId);
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
            await storage.PutAsync(key, file, file.Length, cancellationToken);
        }
        catch
        {
            await storage.DeleteAsync(key, CancellationToken.None);
            throw;
        }
        finally
        {
            File.Delete(path);
        }

        return key;
    }

    /// <summary>Copies a shared upload into this node's folder under <paramref name="fileName"/> (the parsers go by its extension).</summary>
    public async Task<string> FetchAsync(string key, string fileName, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Folder, Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Path.GetFileName(fileName));
        try
        {
            await using var source = await storage.OpenReadAsync(key, cancellationToken);
            await CopyToNewFileAsync(source, path, cancellationToken);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }

        return path;
    }

    /// <summary>Removes a shared upload, and the copy <paramref name="fetched"/> from it.</summary>
    public async Task DiscardAsync(string key, string? fetched = null)
    {
        if (fetched is not null)
        {
            Directory.Delete(Path.GetDirectoryName(fetched)!, recursive: true);
        }

        await storage.DeleteAsync(key, CancellationToken.None);
    }

    private static async Task CopyToNewFileAsync(Stream source, string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await source.CopyToAsync(target, cancellationToken);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }
}
