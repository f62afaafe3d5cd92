using System.Collections.Concurrent;
using VodManager.Core.Data.Entities;

namespace VodManager.Core.Cutting;

/// <summary>
/// Source access for one batch: each source is pinned and checked once, and read either as the stored file (local
/// disk) or through one range-proxy session (remote storage: only the clips' bytes travel, the index once). A
/// re-encode's source is probed once per batch; a copy cut uses what import recorded instead, unless the stored
/// object's size no longer matches it. Everything is released on dispose.
/// </summary>
internal sealed class BatchSources(BatchSourcesFactory factory, string holder) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(int VodId, bool Reencode), Lazy<Task<ClipSource>>> _sources = new();
    private readonly ConcurrentBag<IAsyncDisposable> _held = [];

    public Task<ClipSource> GetAsync(Vod source, CutMode mode, CancellationToken cancellationToken) =>
        _sources.GetOrAdd((source.Id, mode != CutMode.Copy), key => new Lazy<Task<ClipSource>>(() => factory.OpenAsync(source, key.Reencode, holder, _held, cancellationToken))).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var held in _held)
        {
            await held.DisposeAsync();
        }
    }
}
