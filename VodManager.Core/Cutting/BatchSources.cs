using System.Collections.Concurrent;
using VodManager.Core.Data.Entities;
using VodManager.Core.Media;
using VodManager.Core.Quota;
using VodManager.Core.Storage;

namespace VodManager.Core.Cutting;

/// <summary>
/// Source access for one batch: each source is pinned, checked and probed once, and read either as the stored file
/// (local disk), through one range-proxy session (copy cuts from remote storage: only the clips' bytes travel, the
/// index once), or from one source-cache copy (re-encodes from remote storage). Everything is released on dispose.
/// </summary>
internal sealed class BatchSources(
    IVodStorage storage,
    SourceCache cache,
    RangeReadProxy proxy,
    MediaProbe probe,
    MediaIndexService indexes,
    KeyframeReader keyframes,
    VodPins pins,
    RangeReadSettings rangeSettings,
    string holder) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(int VodId, bool Local), Lazy<Task<ClipSource>>> _sources = new();
    private readonly ConcurrentBag<IAsyncDisposable> _held = [];

    /// <summary>Bytes the batch's range sessions read from storage.</summary>
    public long BytesFetched { get; private set; }

    public Task<ClipSource> GetAsync(Vod source, CutMode mode, CancellationToken cancellationToken)
    {
        var needsFile = mode != CutMode.Copy || storage.TryGetLocalPath(source.StorageKey) is not null;
        return _sources.GetOrAdd((source.Id, needsFile), key => new Lazy<Task<ClipSource>>(() => OpenAsync(source, key.Local, cancellationToken))).Value;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var held in _held)
        {
            if (held is RangeReadSession session)
            {
                BytesFetched += session.BytesFetched;
            }

            await held.DisposeAsync();
        }
    }

    private async Task<ClipSource> OpenAsync(Vod source, bool needsFile, CancellationToken cancellationToken)
    {
        _held.Add(await pins.PinAsync([source.Id], holder, cancellationToken));
        if (!await storage.ExistsAsync(source.StorageKey, cancellationToken))
        {
            throw new CutException($"The source video '{source.Title}' (VOD {source.Id}) is missing from storage ({source.StorageKey}); re-import it.");
        }

        string input;
        if (needsFile)
        {
            var lease = await cache.AcquireAsync(source, holder, null, cancellationToken);
            _held.Add(lease);
            input = lease.LocalPath;
        }
        else
        {
            var session = await proxy.OpenAsync(source.StorageKey, rangeSettings, cancellationToken);
            _held.Add(session);
            input = session.Url.ToString();
        }

        var media = needsFile ? await ProbeAsync(source, input, cancellationToken) : Stored(source);

        if (!media.HasVideo)
        {
            throw new CutException($"The source video '{source.Title}' (VOD {source.Id}) has no video stream.");
        }

        var index = await indexes.TryGetAsync(source.Id, cancellationToken);
        if (index is null && needsFile)
        {
            // Smart cuts need keyframes; without the cached index, read them off the local file once per batch.
            index = new MediaIndex(await keyframes.ReadAsync(input, cancellationToken), []);
        }

        return new ClipSource(source.Id, input, needsFile, media, index);
    }

    private async Task<MediaInfo> ProbeAsync(Vod source, string file, CancellationToken cancellationToken)
    {
        try
        {
            return await probe.ProbeAsync(file, cancellationToken);
        }
        catch (FfmpegException e)
        {
            throw new CutException($"The source video '{source.Title}' (VOD {source.Id}) is not readable media: {e.Message}", e);
        }
    }

    // A copy cut from remote storage needs no more than import recorded; probing would only read the index twice.
    private static MediaInfo Stored(Vod source) =>
        new(source.DurationSeconds ?? 0, "mp4", source.VideoCodec, source.Width, source.Height, null, source.AudioCodec, null, null);
}
