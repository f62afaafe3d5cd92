namespace VodManager.Core.Ingest.Video;

/// <summary>An open download: the body to stream, the size the server announced, and a file name to show.</summary>
public sealed class UrlDownload(HttpResponseMessage response, Stream content, Uri finalUrl) : IAsyncDisposable
{
    public Stream Content { get; } = content;

    /// <summary>The URL after redirects.</summary>
    public Uri FinalUrl { get; } = finalUrl;

    /// <summary>The media type the server gave ("video/mp4"), when it gave one.</summary>
    public string? ContentType => response.Content.Headers.ContentType?.MediaType;

    /// <summary>Content-Length, when the server sent one.</summary>
    public long? Length => response.Content.Headers.ContentLength;

    public string FileName
    {
        get
        {
            var fromHeader = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName;
            var name = Path.GetFileName((fromHeader ?? Uri.UnescapeDataString(FinalUrl.AbsolutePath)).Trim('"', ' '));
            return string.IsNullOrWhiteSpace(name) ? FinalUrl.Host : name;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync();
        response.Dispose();
    }
}
