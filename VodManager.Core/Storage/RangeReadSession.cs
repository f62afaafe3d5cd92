using System.Collections.Concurrent;
using VodManager.Core.Diagnostics;

namespace VodManager.Core.Storage;

/// <summary>
/// One stored object served by <see cref="RangeReadProxy"/> for the length of a batch. Storage is read in aligned
/// fixed-size pieces, fetched on demand and kept (up to a memory budget) so the index at the head of an MP4 and
/// overlapping clips travel once per batch. An answer after a seek is one piece; each answer that continues where
/// the previous one ended may be twice as long, up to the maximum: long sequential reads need few requests, and a
/// reader that stops early leaves at most one answer's tail unread.
/// </summary>
public sealed class RangeReadSession : IAsyncDisposable
{
    private const int MaxTrackedContinuations = 64;
    private readonly IVodStorage _storage;
    private readonly string _key;
    private readonly RangeReadSettings _settings;
    private readonly Action _onDispose;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<long, LinkedListNode<CachedChunk>> _chunks = [];
    private readonly LinkedList<CachedChunk> _recency = new();
    private readonly ConcurrentDictionary<long, int> _continuations = new();
    private long _cachedBytes;
    private long _bytesFetched;
    private int _fetches;

    internal RangeReadSession(IVodStorage storage, string key, long size, Uri url, RangeReadSettings settings, Action onDispose)
    {
        _storage = storage;
        _key = key;
        Size = size;
        Url = url;
        _settings = settings;
        _onDispose = onDispose;
    }

    /// <summary>The loopback URL to hand to ffmpeg or ffprobe.</summary>
    public Uri Url { get; }

    public long Size { get; }

    /// <summary>Bytes read from storage so far (each piece counts once, however often it was served).</summary>
    public long BytesFetched => Interlocked.Read(ref _bytesFetched);

    /// <summary>Range requests made to storage so far.</summary>
    public int Fetches => Volatile.Read(ref _fetches);

    /// <summary>The last byte of the answer to a request for [from, to]; see the class remarks for how far it reaches.</summary>
    internal long PlanAnswer(long from, long? to)
    {
        var chunk = _settings.ChunkBytes;
        var window = _continuations.TryRemove(from, out var previous) ? Math.Min(previous * 2L, _settings.MaxResponseBytes) : chunk;
        var alignedEnd = (from + window + chunk - 1) / chunk * chunk;
        var end = Math.Min(Math.Min(to ?? Size - 1, alignedEnd - 1), Size - 1);
        if (_continuations.Count > MaxTrackedContinuations)
        {
            _continuations.Clear();
        }

        _continuations[end + 1] = (int)Math.Max(window, end - from + 1);
        return end;
    }

    /// <summary>Writes bytes [from, to] to <paramref name="output"/>, fetching the next piece while the current one is written.</summary>
    internal async Task CopyAsync(long from, long to, Stream output, CancellationToken cancellationToken)
    {
        var chunk = _settings.ChunkBytes;
        var last = to / chunk;
        Task<byte[]>? next = GetChunkAsync(from / chunk);
        for (var index = from / chunk; index <= last; index++)
        {
            var data = await next!.WaitAsync(cancellationToken);
            next = index < last ? GetChunkAsync(index + 1) : null;
            var chunkStart = index * chunk;
            var sliceFrom = (int)(Math.Max(from, chunkStart) - chunkStart);
            var sliceTo = (int)(Math.Min(to, chunkStart + data.Length - 1) - chunkStart);
            await output.WriteAsync(data.AsMemory(sliceFrom, sliceTo - sliceFrom + 1), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _onDispose();
        await _disposed.CancelAsync();
        lock (_gate)
        {
            _chunks.Clear();
            _recency.Clear();
            _cachedBytes = 0;
        }
    }

    private Task<byte[]> GetChunkAsync(long index)
    {
        lock (_gate)
        {
            if (_chunks.TryGetValue(index, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                return node.Value.Data;
            }

            var fetch = Task.Run(() => FetchAsync(index));
            var length = Math.Min(_settings.ChunkBytes, Size - index * _settings.ChunkBytes);
            _chunks[index] = _recency.AddFirst(new CachedChunk(index, length, fetch));
            _cachedBytes += length;
            while (_cachedBytes > _settings.CacheBytes && _recency.Last is { } oldest && oldest.Value.Index != index)
            {
                _recency.RemoveLast();
                _chunks.Remove(oldest.Value.Index);
                _cachedBytes -= oldest.Value.Length;
            }

            return fetch;
        }
    }

    private async Task<byte[]> FetchAsync(long index)
    {
        try
        {
            var offset = index * _settings.ChunkBytes;
            var data = new byte[Math.Min(_settings.ChunkBytes, Size - offset)];
            using var activity = VodActivities.Start(VodActivities.StorageFetch);
            activity?.SetTag("bytes", data.Length);
            Interlocked.Increment(ref _fetches);
            await using var stream = await _storage.OpenReadRangeAsync(_key, offset, data.Length, _disposed.Token);
            await stream.ReadExactlyAsync(data, _disposed.Token);
            Interlocked.Add(ref _bytesFetched, data.Length);
            return data;
        }
        catch
        {
            // A failed piece must be fetched again by the next reader, not served as a failure forever.
            lock (_gate)
            {
                if (_chunks.Remove(index, out var node))
                {
                    _recency.Remove(node);
                    _cachedBytes -= node.Value.Length;
                }
            }

            throw;
        }
    }

    private sealed record CachedChunk(long Index, long Length, Task<byte[]> Data);
}
