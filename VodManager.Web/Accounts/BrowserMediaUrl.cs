using VodManager.Core.Storage;

namespace VodManager.Web.Accounts;

/// <summary>
/// A read URL as the editor's browser should follow it. The app's own media endpoint wants the sign-in cookie, which
/// the browser sends only to the page's origin: so local-disk links become relative, whatever address the server bound.
/// Presigned Blob URLs stay as they are.
/// </summary>
public static class BrowserMediaUrl
{
    /// <summary>For the player.</summary>
    public static async Task<string> GetAsync(IVodStorage storage, string key, TimeSpan lifetime, CancellationToken cancellationToken) =>
        AsFollowed(storage, await storage.GetReadUrlAsync(key, lifetime, cancellationToken));

    /// <summary>For a Download link: the response names the file, as a Blob link's <c>download</c> attribute cannot.</summary>
    public static async Task<string> DownloadAsync(IVodStorage storage, string key, string fileName, TimeSpan lifetime, CancellationToken cancellationToken) =>
        AsFollowed(storage, await storage.GetDownloadUrlAsync(key, fileName, lifetime, cancellationToken));

    private static string AsFollowed(IVodStorage storage, Uri url) => storage is LocalDiskStorage ? url.PathAndQuery : url.ToString();
}
