using VodManager.Core.Storage;

namespace VodManager.Web.Accounts;

/// <summary>
/// A read URL as the editor's browser should follow it. The app's own media endpoint wants the sign-in cookie, which
/// the browser sends only to the page's origin: so local-disk links become relative, whatever address the server bound.
/// Presigned Blob URLs stay as they are.
/// </summary>
public static class BrowserMediaUrl
{
    public static async Task<string> GetAsync(IVodStorage storage, string key, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var url = await storage.GetReadUrlAsync(key, lifetime, cancellationToken);
        return storage is LocalDiskStorage ? url.PathAndQuery : url.ToString();
    }
}
