using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VodManager.Core.Data.Entities;
using VodManager.Core.Nodes;
using VodManager.Core.Quota;
using VodManager.Core.Storage;

namespace VodManager.Core.Cutting;

/// <summary>
/// A local copy of a source VOD for work that needs a file (precise and smart cuts, audio extraction, refinement).
/// However many jobs ask at once, the source is pulled once; it stays pinned (no eviction, no delete) and on disk
/// while any lease is held, and is removed when the last lease ends, also after a failure or cancellation.
/// On local-disk storage the stored file itself is handed out and nothing is copied.
/// </summary>
public sealed class SourceCache(
    IVodStorage storage,
    VodPins pins,
    DataPaths paths,
    LocalNode node,
    IOptions<CuttingOptions> options,
    ILogger<SourceCache> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, Entry> _entries = [];

    /// <summary>Where every node's local copies live; the start-up sweep empties dead nodes' folders in it.</summary>
    public string Root => string.IsNullOrWhiteSpace(options.Value.SourceCacheFolder)
        ? Path.Combine(paths.Cache, "sources")
        : Path.GetFullPath(options.Value.SourceCacheFolder);

    /// <summary>This node's folder in <see cref="Root"/>: its copies are leased by its own jobs only.</summary>
    public string Folder => node.FolderIn(Root);

    /// <summary>
    /// A lease on a local copy of <paramref name="source"/>; dispose it when done. Refuses with
    /// <see cref="InsufficientDiskSpaceException"/> (needed vs free) before pulling when the disk is too small.
    /// </summary>
    /// <param name="holder">Who holds it, for the pin ("cut:{jobId}", "refine:{jobId}").</param>
    /// <param name="percent">Pull progress 0..100; not reported when the copy is already there.</param>
    public async Task<SourceLease> AcquireAsync(Vod source, string holder, IProgress<double>? percent, CancellationToken cancellationToken)
    {
        var pin = await pins.PinAsync([source.Id], holder, cancellationToken);
        try
        {
            if (storage.TryGetLocalPath(source.StorageKey) is { } stored)
            {
                return new SourceLease(source.Id, stored, isCopy: false, () => pin.DisposeAsync().AsTask());
            }

            Entry entry;
            lock (_gate)
            {
                if (!_entries.TryGetValue(source.Id, out entry!))
                {
                    entry = new Entry(Path.Combine(Folder, $"vod-{source.Id}-{Guid.NewGuid():N}{Path.GetExtension(source.StorageKey)}"));
                    _entries[source.Id] = entry;
                }

                entry.Holders++;
            }

            try
            {
                await entry.PullOnce(abort => PullAsync(source, entry.Path, percent, abort)).WaitAsync(cancellationToken);
            }
            catch
            {
                await ReleaseAsync(source.Id, entry);
                throw;
            }

            return new SourceLease(source.Id, entry.Path, isCopy: true, async () =>
            {
                await ReleaseAsync(source.Id, entry);
                await pin.DisposeAsync();
            });
        }
        catch
        {
            await pin.DisposeAsync();
            throw;
        }
    }

    // The pull is shared by every holder and must not die with the first holder's token: a holder that is cancelled
    // only stops waiting; the pull itself is aborted when the last holder leaves, and its file removed then.
    private async Task PullAsync(Vod source, string path, IProgress<double>? percent, CancellationToken cancellationToken)
    {
        var size = await storage.GetSizeAsync(source.StorageKey, cancellationToken)
            ?? throw new CutException($"The source video '{source.Title}' (VOD {source.Id}) is missing from storage ({source.StorageKey}).");
        DiskSpace.EnsureFree(Folder, size, options.Value.MinFreeDiskBytes, $"a local copy of the source '{source.Title}'");
        var partial = path + ".partial";
        try
        {
            await using (var input = await storage.OpenReadAsync(source.StorageKey, cancellationToken))
            await using (var file = new FileStream(partial, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, PreallocationSize = size, Options = FileOptions.Asynchronous }))
            {
                var buffer = new byte[1 << 20];
                long copied = 0;
                int read;
                while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    copied += read;
                    percent?.Report(100.0 * copied / Math.Max(1, size));
                }
            }

            File.Move(partial, path);
            logger.LogInformation("Pulled source VOD {VodId} ({Size}) into the source cache", source.Id, ByteSize.Format(size));
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private Task ReleaseAsync(int vodId, Entry entry)
    {
        lock (_gate)
        {
            if (--entry.Holders > 0)
            {
                return Task.CompletedTask;
            }

            _entries.Remove(vodId);
        }

        return entry.DeleteAsync();
    }

    private sealed class Entry(string path)
    {
        private readonly Lock _gate = new();
        private readonly CancellationTokenSource _abort = new();
        private Task? _pull;

        public string Path { get; } = path;

        public int Holders { get; set; }

        public Task PullOnce(Func<CancellationToken, Task> pull)
        {
            lock (_gate)
            {
                return _pull ??= pull(_abort.Token);
            }
        }

        public async Task DeleteAsync()
        {
            Task? pull;
            lock (_gate)
            {
                pull = _pull;
            }

            await _abort.CancelAsync();
            if (pull is not null)
            {
                // Let an aborted pull unwind before removing what it wrote.
                await Task.WhenAny(pull);
            }

            File.Delete(Path);
            _abort.Dispose();
        }
    }
}
