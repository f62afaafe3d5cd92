using Microsoft.Extensions.Options;
using VodManager.Core.Data.Entities;
using VodManager.Core.Quota;
using VodManager.Core.Storage;

namespace VodManager.Core.Cutting;

/// <summary>
/// Opens a source VOD for ffmpeg (cuts and refinement): pinned, so eviction leaves it alone while it is read, and read
/// as the stored file on local disk or through a range-proxy session on remote storage. Only what ffmpeg reads
/// travels (the index, a clip's range from the keyframe before it, a refinement window), never the whole VOD, and
/// nothing is copied to disk.
/// </summary>
public sealed class SourceInputs(IVodStorage storage, RangeReadProxy proxy, VodPins pins, IOptions<CuttingOptions> options)
{
    private RangeReadSettings RangeSettings => new(options.Value.RangeChunkBytes, options.Value.RangeMaxResponseBytes, options.Value.RangeCacheBytes);

    /// <param name="holder">Who reads it, for the pin ("cut:{jobId}", "refine:{jobId}").</param>
    /// <exception cref="CutException">The source is missing from storage.</exception>
    public async Task<SourceInput> OpenAsync(Vod source, string holder, CancellationToken cancellationToken)
    {
        var pin = await pins.PinAsync([source.Id], holder, cancellationToken);
        try
        {
            if (storage.TryGetLocalPath(source.StorageKey) is { } local)
            {
                return new SourceInput(local, await storage.GetSizeAsync(source.StorageKey, cancellationToken) ?? throw Missing(source), pin, null);
            }

            // The session asks storage for the size itself: asking first as well would be a second request per source.
            var session = await proxy.OpenAsync(source.StorageKey, RangeSettings, cancellationToken);
            return new SourceInput(session.Url.ToString(), session.Size, pin, session);
        }
        catch (StorageObjectNotFoundException e)
        {
            await pin.DisposeAsync();
            throw Missing(source, e);
        }
        catch
        {
            await pin.DisposeAsync();
            throw;
        }
    }

    private static CutException Missing(Vod source, Exception? inner = null) =>
        new($"The source video '{source.Title}' (VOD {source.Id}) is missing from storage ({source.StorageKey}); re-import it.", inner);
}
