using System.Collections.Concurrent;
using VodManager.Core.Data.Entities;
using VodManager.Core.Media;
using VodManager.Core.Quota;
using VodManager.Core.Storage;

namespace VodManager.Core.Cutting;

/// <summary>
/// Source access for one batch: each source is pinned and checked once, and read either as the stored file (local
/// disk), through one range-proxy session (copy cuts from remote storage: only the clips' bytes travel, the index
/// once), or from one source-cache copy (re-encodes from remote storage). A local or cached file is probed once per
/// batch; a copy cut from remote storage uses what import recorded instead. Keyframes are read (once per batch) only
/// for smart cuts without the cached index: a copy cut's real start is read off its own output. Everything is
/// released on dispose.
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
    private readonly ConcurrentDictionary<(int VodId, bool Reencode), Lazy<Task<ClipSource>>> _sources = new();
    private readonly ConcurrentDictionary<int, Lazy<Task<MediaIndex>>> _keyframes = new();
    private readonly ConcurrentBag<IAsyncDisposable> _held = [];

    /// <summary>Bytes the batch's range sessions read from storage.</summary>
    public long BytesFetched { get; private set; }

    public async Task<ClipSource> GetAsync(Vod source, CutMode mode, CancellationToken cancellationToken)
    {
        var opened = await _sources.GetOrAdd((source.Id, mode != CutMode.Copy), key => new Lazy<Task<ClipSource>>(() => OpenAsync(source, key.Reencode, cancellationToken))).Value;
        if (mode != CutMode.Smart || opened.Index is not null)
        {
            return opened;
        }

        var index = _keyframes.GetOrAdd(source.Id, _ => new Lazy<Task<MediaIndex>>(async () => new MediaIndex(await keyframes.ReadAsync(opened.Input, cancellationToken), [])));
        return opened with { Index = await index.Value };
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

    private async Task<ClipSource> OpenAsync(Vod source, bool reencode, CancellationToken cancellationToken)
    {
        _held.Add(await pins.PinAsync([source.Id], holder, cancellationToken));
        if (!await storage.ExistsAsync(source.StorageKey, cancellationToken))
        {
            throw new CutException($"The source video '{source.Title}' (VOD {source.Id}) is missing from storage ({source.StorageKey}); re-import it.");
        }

        var local = storage.TryGetLocalPath(source.StorageKey);
        string input;
        if (local is not null)
        {
            input = local;
        }
        else if (reencode)
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

        // A local file is probed once per batch even for copy cuts: cheap, and a corrupt source is named as such.
        var media = reencode || local is not null ? await ProbeAsync(source, input, cancellationToken) : Stored(source);
        if (!media.HasVideo)
        {
            throw new CutException($"The source video '{source.Title}' (VOD {source.Id}) has no video stream.");
        }

        return new ClipSource(source.Id, input, local is not null || reencode, media, await indexes.TryGetAsync(source.Id, cancellationToken));
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

    // A copy cut needs no more than import recorded; probing would read the source's index once more for nothing.
    private static MediaInfo Stored(Vod source) =>
        new(source.DurationSeconds ?? 0, "mp4", source.VideoCodec, source.Width, source.Height, null, source.AudioCodec, null, null);
}
