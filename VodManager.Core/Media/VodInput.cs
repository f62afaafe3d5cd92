using VodManager.Core.Storage;

namespace VodManager.Core.Media;

/// <summary>How ffmpeg reaches a stored VOD: the file itself on local disk, else a time-limited read URL.</summary>
public static class VodInput
{
    public static async Task<string> ResolveAsync(IVodStorage storage, string key, TimeSpan lifetime, CancellationToken cancellationToken) =>
        storage.TryGetLocalPath(key) ?? (await storage.GetReadUrlAsync(key, lifetime, cancellationToken)).ToString();
}
