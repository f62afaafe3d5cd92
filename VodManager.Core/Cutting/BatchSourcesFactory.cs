using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using VodManager.Core.Data.Entities;
using VodManager.Core.Media;
using VodManager.Core.Quota;
using VodManager.Core.Storage;

namespace VodManager.Core.Cutting;

/// <summary>
/// What every batch's <see cref="BatchSources"/> shares (storage, source cache, range proxy, probes, pins), and the
/// opening of one source: pinned, checked, and read as the stored file, through a range-proxy session or from a
/// source-cache copy.
/// </summary>
public sealed class BatchSourcesFactory(
    IVodStorage storage,
    SourceCache cache,
    RangeReadProxy proxy,
    MediaProbe probe,
    MediaIndexService indexes,
    KeyframeReader keyframes,
    VodPins pins,
    IOptions<CuttingOptions> options)
{
    private RangeReadSettings RangeSettings => new(options.Value.RangeChunkBytes, options.Value.RangeMaxResponseBytes, options.Value.RangeCacheBytes);

    /// <param name="holder">The name the batch's pins are held under.</param>
    internal async Task<BatchSources> OpenAsync(string holder, CancellationToken cancellationToken)
    {
        // A job recovered after a crash runs under the same holder: its dead run's pins are its own to drop.
        await pins.ReleaseHolderAsync(holder, cancellationToken);
        return new BatchSources(this, holder);
    }

    /// <summary>Pins and opens one source for a batch; what must be let go when the batch ends goes into <paramref name="held"/>.</summary>
    internal async Task<ClipSource> OpenAsync(Vod source, bool reencode, string holder, ConcurrentBag<IAsyncDisposable> held, CancellationToken cancellationToken)
    {
        held.Add(await pins.PinAsync([source.Id], holder, cancellationToken));
        var size = await storage.GetSizeAsync(source.StorageKey, cancellationToken)
            ?? throw new CutException($"The source video '{source.Title}' (VOD {source.Id}) is missing from storage ({source.StorageKey}); re-import it.");

        var local = storage.TryGetLocalPath(source.StorageKey);
        string input;
        if (local is not null)
        {
            input = local;
        }
        else if (reencode)
        {
            var lease = await cache.AcquireAsync(source, holder, null, cancellationToken);
            held.Add(lease);
            input = lease.LocalPath;
        }
        else
        {
            var session = await proxy.OpenAsync(source.StorageKey, RangeSettings, cancellationToken);
            held.Add(session);
            input = session.Url.ToString();
        }

        // A copy cut needs no more than import recorded while the object is still the one import stored (its size):
        // probing would cost a process per batch, about a clip's worth of ffmpeg. A changed one is probed, so a corrupt
        // source is named as such.
        var media = reencode || size != source.SizeBytes || source.VideoCodec is null ? await ProbeAsync(source, input, cancellationToken) : Stored(source);
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

    private static MediaInfo Stored(Vod source) =>
        new(source.DurationSeconds ?? 0, "mp4", source.VideoCodec, source.Width, source.Height, null, source.AudioCodec, null, null);

    internal async Task<MediaIndex> ReadKeyframesAsync(string input, CancellationToken cancellationToken) => new(await keyframes.ReadAsync(input, cancellationToken), []);
}
