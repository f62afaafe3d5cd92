using Microsoft.Extensions.Options;
using VodManager.Core.Storage;

namespace VodManager.Core.Media;

/// <summary>How ffmpeg reaches a stored VOD: the file itself on local disk, else a read URL that lasts Storage:ReadUrlLifetime.</summary>
public sealed class VodInputs(IVodStorage storage, IOptions<StorageOptions> options)
{
    public async Task<string> ResolveAsync(string key, CancellationToken cancellationToken) =>
        storage.TryGetLocalPath(key) ?? (await storage.GetReadUrlAsync(key, options.Value.ReadUrlLifetime, cancellationToken)).ToString();
}
