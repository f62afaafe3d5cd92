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
    /// Saves an upload on this node and returns where: under the name the editor picked (made safe), which the job's
    /// title and errors show, in a folder of its own that keeps two uploads of one name apart. A failed or cut-off
    /// upload leaves nothing behind; <see cref="Remove"/> removes a saved one.
    /// </summary>
    public async Task<string> SaveAsync(Stream source, string fileName, CancellationToken cancellationToken)
    {
        // The name comes from the browser: nothing in it may lead out of the upload's folder.
        var safe = string.Concat(Path.GetFileName(fileName).Split(Path.GetInvalidFileNameChars())).Trim();
        return await CopyToNewFolderAsync(source, safe.Trim('.').Length == 0 ? "upload" : safe, cancellationToken);
    }

    /// <summary>
    /// Removes a file this node saved or fetched, with the folder of its own; any other file (a temporary copy made
    /// elsewhere) alone.
    /// </summary>
    public void Remove(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!string.Equals(Path.GetDirectoryName(folder), Path.GetFullPath(Folder), StringComparison.Ordinal))
        {
            File.Delete(path);
            return;
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone: a refused import and its caller's clean-up may both remove it.
        }
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
            Remove(path);
        }

        return key;
    }

    /// <summary>Copies a shared upload into this node's folder under <paramref name="fileName"/> (the parsers go by its extension).</summary>
    public async Task<string> FetchAsync(string key, string fileName, CancellationToken cancellationToken)
    {
        await using var source = await storage.OpenReadAsync(key, cancellationToken);
        return await CopyToNewFolderAsync(source, Path.GetFileName(fileName), cancellationToken);
    }

    /// <summary>Removes a shared upload, and the copy <paramref name="fetched"/> from it.</summary>
    public async Task DiscardAsync(string key, string? fetched = null)
    {
        if (fetched is not null)
        {
            Remove(fetched);
        }

        await storage.DeleteAsync(key, CancellationToken.None);
    }

    private async Task<string> CopyToNewFolderAsync(Stream source, string fileName, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Folder, Guid.NewGuid().ToString("N")[..8], fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await source.CopyToAsync(target, cancellationToken);
        }
        catch
        {
            Remove(path);
            throw;
        }

        return path;
    }
}
