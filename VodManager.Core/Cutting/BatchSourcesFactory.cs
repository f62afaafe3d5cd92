using Microsoft.Extensions.Options;
using VodManager.Core.Media;
using VodManager.Core.Quota;
using VodManager.Core.Storage;

namespace VodManager.Core.Cutting;

/// <summary>Opens a batch's <see cref="BatchSources"/> over what every batch shares (storage, source cache, range proxy, probes, pins).</summary>
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
    /// <param name="holder">The name the batch's pins are held under.</param>
    internal async Task<BatchSources> OpenAsync(string holder, CancellationToken cancellationToken)
    {
        // A job recovered after a crash runs under the same holder: its dead run's pins are its own to drop.
        await pins.ReleaseHolderAsync(holder, cancellationToken);
        var settings = options.Value;
        return new BatchSources(storage, cache, proxy, probe, indexes, keyframes, pins,
            new RangeReadSettings(settings.RangeChunkBytes, settings.RangeMaxResponseBytes, settings.RangeCacheBytes), holder);
    }
}
