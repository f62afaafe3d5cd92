namespace VodManager.Core.Ingest.Video;

/// <summary>
/// An open download: the body to stream (resumed across dropped connections), what the server said of it, and a file
/// name to show. The first response's headers are read here, since a resumed body's own responses replace it.
/// </summary>
public sealed class UrlDownload(HttpResponseMessage response, Uri finalUrl, Stream content) : IAsyncDisposable
{
    private readonly string? _headerFileName = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName;

    public Stream Content { get; } = content;

    /// <summary>The URL after redirects.</summary>
    public Uri FinalUrl { get; } = finalUrl;

    /// <summary>The media type the server gave ("video/mp4"), when it gave one.</summary>
    public string? ContentType { get; } = response.Content.Headers.ContentType?.MediaType;

    /// <summary>Content-Length, when the server sent one.</summary>
    public long? Length { get; } = response.Content.Headers.ContentLength;

    /// <summary>
    /// Which version of the file answered, as far as the server says: its ETag (else the date it last changed) and, for
    /// a byte range, the whole file's size; "" when it says neither.
    /// </summary>
    public string Version { get; } = string.Join(", ", new[]
    {
        response.Headers.ETag is { } etag ? $"ETag {etag}" : response.Content.Headers.LastModified is { } modified ? $"last changed {modified:R}" : null,
        response.Content.Headers.ContentRange?.Length is { } size ? $"{size} bytes" : null,
    }.OfType<string>());

    /// <summary>The whole file's size: a range's total, else Content-Length.</summary>
    public long? FileLength { get; } = response.Content.Headers.ContentRange?.Length ?? response.Content.Headers.ContentLength;

    /// <summary>
    /// What tells this version of the file from another for a download taken up after a restart: its strong ETag, else
    /// the date it last changed; null when the server says neither (a weak ETag promises no identical bytes).
    /// </summary>
    public string? Validator { get; } = ResumingBody.Validator(response)?.ToString();

    public string FileName
    {
        get
        {
            var name = Path.GetFileName((_headerFileName ?? Uri.UnescapeDataString(FinalUrl.AbsolutePath)).Trim('"', ' '));
            return string.IsNullOrWhiteSpace(name) ? FinalUrl.Host : name;
        }
    }

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
