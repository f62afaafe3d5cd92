using Microsoft.Net.Http.Headers;

namespace VodManager.Core.Storage;

/// <summary>The Content-Disposition of a download URL's response, the same from Blob (in its SAS) and from local disk.</summary>
public static class DownloadDisposition
{
    /// <summary><c>attachment</c>, the name in UTF-8 (<c>filename*</c>) and an ASCII fallback for old clients.</summary>
    public static string For(string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        var value = new ContentDispositionHeaderValue("attachment");
        value.SetHttpFileName(fileName);
        return value.ToString();
    }
}
