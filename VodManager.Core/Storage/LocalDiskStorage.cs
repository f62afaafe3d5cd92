using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using VodManager.Core.Nodes;

namespace VodManager.Core.Storage;

/// <summary>Stores objects as files under a root folder; writes go to a temp name and are renamed into place.</summary>
public sealed class LocalDiskStorage : IVodStorage
{
    /// <summary>Suffix of a write in progress; a leftover one is a crashed write (the start-up sweep removes it).</summary>
    public const string PartialSuffix = ".partial";
    private readonly LocalNode _node;
    private readonly string _root;
    private readonly MediaUrlSigner _signer;
    private readonly ServerAddress _serverAddress;
    private readonly string? _publicBaseUrl;

    public LocalDiskStorage(IOptions<StorageOptions> options, DataPaths paths, LocalNode node, MediaUrlSigner signer, ServerAddress serverAddress)
    {
        _node = node;
        var configured = options.Value.LocalDisk.Root;
        _root = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? paths.Storage : configured);
        _signer = signer;
        _serverAddress = serverAddress;
        _publicBaseUrl = options.Value.LocalDisk.PublicBaseUrl;
    }

    public string Name => "LocalDisk";

    public string Root => _root;

    public async Task<long> PutAsync(string key, Stream content, long? length, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        var partial = PartialOf(path);
        try
        {
            long written;
            // Preallocation claims the space up front, so a full disk fails at once instead of mid-write.
            var fileOptions = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                BufferSize = 1 << 16,
                Options = FileOptions.Asynchronous,
                PreallocationSize = length ?? 0,
            };
            await using (var file = new FileStream(partial, fileOptions))
            {
                await content.CopyToAsync(file, 1 << 20, cancellationToken);
                written = file.Length;
            }

            CheckLength(key, length, written);
            File.Move(partial, path, overwrite: true);
            return written;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public Task<long> PutFileAsync(string key, string path, long length, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var target = PathOf(key);
        var partial = PartialOf(target);
        try
        {
            // On the same disk this is a rename and no byte is copied. Across disks File.Move copies, and a crash in
            // the copy leaves a partial write (which the start-up sweep removes), never a short object under the key.
            File.Move(path, partial);
            CheckLength(key, length, new FileInfo(partial).Length);
            File.Move(partial, target, overwrite: true);
            return Task.FromResult(length);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>Removes partial writes of dead nodes (and unnamed ones, written before writes carried their node); returns how many.</summary>
    public int DeleteDeadPartialWrites(NodeCensus census)
    {
        if (!Directory.Exists(_root))
        {
            return 0;
        }

        var dead = Directory.EnumerateFiles(_root, "*" + PartialSuffix, SearchOption.AllDirectories)
            .Where(f => !census.IsLive(Path.GetExtension(Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(f))).TrimStart('.')))
            .ToList();
        dead.ForEach(File.Delete);
        return dead.Count;
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        OpenReadRangeAsync(key, 0, null, cancellationToken);

    public Task<Stream> OpenReadRangeAsync(string key, long offset, long? length, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var path = PathOf(key);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new StorageObjectNotFoundException(Name, key);
        }

        if (offset == 0 && length is null)
        {
            return Task.FromResult<Stream>(new MeteredReadStream(file, Name));
        }

        file.Seek(Math.Min(offset, file.Length), SeekOrigin.Begin);
        var available = Math.Max(0, file.Length - offset);
        return Task.FromResult<Stream>(new MeteredReadStream(new ReadWindowStream(file, Math.Min(available, length ?? available)), Name));
    }

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        return Task.FromResult(true);
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(key)));

    public Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken)
    {
        var info = new FileInfo(PathOf(key));
        return Task.FromResult<long?>(info.Exists ? info.Length : null);
    }

    public Task<Uri> GetReadUrlAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken) =>
        Task.FromResult(new Uri(BaseUriFor(key), _signer.SignPath(key, lifetime)));

    public Task<Uri> GetDownloadUrlAsync(string key, string fileName, TimeSpan lifetime, CancellationToken cancellationToken) =>
        Task.FromResult(new Uri(BaseUriFor(key), _signer.SignPath(key, lifetime, fileName)));

    private Uri BaseUriFor(string key) =>
        !string.IsNullOrWhiteSpace(_publicBaseUrl) ? new Uri(_publicBaseUrl) : _serverAddress.BaseUri
            ?? throw new InvalidOperationException(
                $"{Name}: no HTTP address to sign a read URL for '{key}' (no web server is running and Storage:LocalDisk:PublicBaseUrl is empty).");

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (!Directory.Exists(_root))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                yield return key;
            }
        }
    }

    public string? TryGetLocalPath(string key) => PathOf(key);

    public Task CheckHealthAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_root);
        var probe = Path.Combine(_root, $".health-{Guid.NewGuid():N}");
        File.WriteAllText(probe, "ok");
        File.Delete(probe);
        return Task.CompletedTask;
    }

    /// <summary>A fresh temp name beside <paramref name="path"/> (its folder created), to be renamed into place once complete.</summary>
    private string PartialOf(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Named by the writing node: nodes may share the root, and a sweep removes only a dead node's partial writes.
        return $"{path}.{_node.Id}.{Guid.NewGuid():N}{PartialSuffix}";
    }

    private void CheckLength(string key, long? expected, long written)
    {
        if (expected is { } want && want != written)
        {
            throw new IOException($"{Name}: expected {want} bytes for '{key}' but got {written}.");
        }
    }

    private string PathOf(string key)
    {
        StorageKeys.Validate(key);
        var full = Path.GetFullPath(Path.Combine(_root, key));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Storage key '{key}' escapes the storage root.", nameof(key));
        }

        return full;
    }
}
