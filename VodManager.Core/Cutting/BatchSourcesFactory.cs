using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using VodManager.Core.Data.Entities;
using VodManager.Core.Media;
using VodManager.Core.Quota;
using VodManager.Core.Storage;

namespace VodManager.Core.Cutting;

/// <summary>
/// What every batch's <see cref="BatchSources"/> shares (storage, range proxy, probes, pins), and the opening of one
/// source: pinned, checked, and read as the stored file or through a range-proxy session.
/// </summary>
public sealed class BatchSourcesFactory(
    IVodStorage storage,
    RangeReadProxy proxy,
    MediaProbe probe,
    MediaIndexService indexes,
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

        // Re-encodes read through the proxy too: a clip needs its own bytes (from the keyframe before it) and the
        // index, and a local copy would pull the whole VOD, tens of GB for a long stream, for every batch.
        var input = storage.TryGetLocalPath(source.StorageKey);
        if (input is null)
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

        return new ClipSource(source.Id, input, media, await indexes.TryGetAsync(source.Id, cancellationToken));
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
}
