using System.Collections.Concurrent;
using VodManager.Core.Data.Entities;
using VodManager.Core.Media;
using VodManager.Core.Quota;

namespace VodManager.Core.Cutting;

/// <summary>
/// What every batch's <see cref="BatchSources"/> shares (source inputs, probes, pins), and the opening of one source:
/// pinned, checked, and read as the stored file or through a range-proxy session (see <see cref="SourceInputs"/>).
/// </summary>
public sealed class BatchSourcesFactory(SourceInputs inputs, MediaProbe probe, MediaIndexService indexes, VodPins pins)
{
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
        var input = await inputs.OpenAsync(source, holder, cancellationToken);
        held.Add(input);

        // A copy cut needs no more than import recorded while the object is still the one import stored (its size):
        // probing would cost a process per batch, about a clip's worth of ffmpeg. A changed one is probed, so a corrupt
        // source is named as such.
        var media = reencode || input.SizeBytes != source.SizeBytes || source.VideoCodec is null ? await ProbeAsync(source, input.Input, cancellationToken) : Stored(source);
        if (!media.HasVideo)
        {
            throw new CutException($"The source video '{source.Title}' (VOD {source.Id}) has no video stream.");
        }

        return new ClipSource(source.Id, input.Input, media, await indexes.TryGetAsync(source.Id, cancellationToken));
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
