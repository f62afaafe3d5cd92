using System.Net;
using System.Net.Http.Headers;
using VodManager.Core.Storage;

namespace VodManager.Core.Ingest.Video;

/// <summary>
/// A response body read to its end across dropped connections. When the connection breaks, stalls for
/// <c>Import:UrlStallTimeout</c> or closes before the announced length, the body is asked for again from the byte it
/// stopped at (a range request, valid only while the file's ETag or date is unchanged); a server that sends the whole
/// file again instead has the bytes already read skipped. A file that changed meanwhile (another size or ETag) is
/// refused rather than joined from two versions. Each read may be retried <c>Import:UrlRetries</c> times, so the count
/// starts over once bytes flow again. A body that is a byte range of a file (<paramref name="range"/>) is asked for
/// again within it, and only as a range.
/// </summary>
internal sealed class ResumingBody(UrlDownloader downloader, Uri url, HttpResponseMessage first, Stream content, TimeSpan stallTimeout, Action<string>? waiting, HlsByteRange? range = null) : ReadOnlyStream
{
    private readonly long? _length = first.Content.Headers.ContentLength;

    /// <summary>The whole file's size, which must not change between requests: the range's total, else the body's length.</summary>
    private readonly long? _fileLength = range is null ? first.Content.Headers.ContentLength : first.Content.Headers.ContentRange?.Length;
    private readonly EntityTagHeaderValue? _etag = first.Headers.ETag;
    private readonly RangeConditionHeaderValue? _validator = Validator(first);
    private HttpResponseMessage? _response = first;
    private Stream? _content = content;
    private long _position;

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        buffer.IsEmpty ? ValueTask.FromResult(0) : downloader.RetryAsync(token => ReadOnceAsync(buffer, token), waiting, cancellationToken);

    private async ValueTask<int> ReadOnceAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (_content is null)
        {
            await ReopenAsync(cancellationToken);
        }

        var read = await ReadChunkAsync(buffer, cancellationToken);
        if (read == 0 && _position < _length)
        {
            throw Broke("the connection closed before the end");
        }

        _position += read;
        return read;
    }

    /// <summary>One read of the open body; a break or a stall drops the connection and may pass.</summary>
    private async ValueTask<int> ReadChunkAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(stallTimeout);
        try
        {
            return await _content!.ReadAsync(buffer, stall.Token);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw Broke(e.Message, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Broke($"nothing arrived for {stallTimeout.TotalSeconds:0.#} s (setting {VideoImportOptions.Section}:UrlStallTimeout)", e);
        }
    }

    private async Task ReopenAsync(CancellationToken cancellationToken)
    {
        var from = (range?.Offset ?? 0) + _position;
        (_response, _) = await downloader.SendAsync(url, from, range?.Last, _validator, unreachableIsPassing: true, cancellationToken);
        _content = await _response.Content.ReadAsStreamAsync(cancellationToken);
        var headers = _response.Content.Headers;
        if (_response.StatusCode == HttpStatusCode.PartialContent)
        {
            var answered = headers.ContentRange;
            if (answered?.From != from || (answered.Length is { } total && _fileLength is { } length && total != length))
            {
                throw Changed($"asked from byte {from}, it answered with {answered?.ToString() ?? "no range"}");
            }

            return;
        }

        if (range is not null)
        {
            throw Changed($"asked for bytes {from}-{range.Value.Last}, it answered with the whole file");
        }

        if (_length is { } expected && headers.ContentLength is { } now && now != expected)
        {
            throw Changed($"it is {ByteSize.Format(now)} now, {ByteSize.Format(expected)} before");
        }

        if (_etag is not null && _response.Headers.ETag is { } etag && !etag.Equals(_etag))
        {
            throw Changed($"its ETag is {etag} now, {_etag} before");
        }

        // The server sent the whole file again: the bytes up to where it broke are already stored.
        if (await ReadPastAsync(buffer => ReadChunkAsync(buffer, cancellationToken), _position) < _position)
        {
            throw Broke("the connection closed before the end");
        }
    }

    /// <summary>Reads and drops the first <paramref name="bytes"/> of a body (bytes already stored); returns how many there were, fewer when it ended first.</summary>
    internal static async ValueTask<long> ReadPastAsync(Func<Memory<byte>, ValueTask<int>> read, long bytes)
    {
        var buffer = new byte[64 * 1024];
        var skipped = 0L;
        for (int got; skipped < bytes && (got = await read(buffer.AsMemory(0, (int)Math.Min(buffer.Length, bytes - skipped)))) > 0;)
        {
            skipped += got;
        }

        return skipped;
    }

    private PassingDownloadFailure Broke(string why, Exception? inner = null)
    {
        Drop();
        var of = _length is { } length ? $" of {ByteSize.Format(length)}" : "";
        return new PassingDownloadFailure($"'{UrlDownloader.Show(url)}' broke off after {ByteSize.Format(_position)}{of}: {why}", retryAfter: null, inner);
    }

    private VideoImportException Changed(string how)
    {
        Drop();
        return new VideoImportException($"'{UrlDownloader.Show(url)}' changed while it was being downloaded ({how}); nothing was kept.");
    }

    /// <summary>An If-Range that holds only for the same file: a strong ETag, else the date it was last changed.</summary>
    internal static RangeConditionHeaderValue? Validator(HttpResponseMessage response) =>
        response.Headers.ETag is { IsWeak: false } etag ? new RangeConditionHeaderValue(etag)
        : response.Content.Headers.LastModified is { } modified ? new RangeConditionHeaderValue(modified)
        : null;

    private void Drop()
    {
        _content?.Dispose();
        _response?.Dispose();
        (_content, _response) = (null, null);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Drop();
        }

        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync()
    {
        Drop();
        return base.DisposeAsync();
    }
}
