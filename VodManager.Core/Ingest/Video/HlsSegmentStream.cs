using System.Net;
using VodManager.Core.Cutting;
using VodManager.Core.Storage;

namespace VodManager.Core.Ingest.Video;

/// <summary>
/// An <see cref="HlsPlaylist"/>'s parts read as one file: each segment is opened through <see cref="UrlDownloader"/>
/// when the one before it ends, so one connection is open at a time and nothing is buffered beyond a read. A segment
/// whose connection drops is resumed by the downloader; one that cannot be fetched fails the read naming which of how
/// many it was. Segments whose sound Twitch muted are read like the others and counted (<see cref="MutedNote"/>).
/// </summary>
/// <param name="waiting">Told each time a segment's passing failure is waited out (for a job's progress).</param>
public sealed class HlsSegmentStream(UrlDownloader downloader, HlsPlaylist playlist, Action<string>? waiting = null) : ReadOnlyStream
{
    private readonly SortedSet<int> _muted = [];
    private UrlDownload? _current;
    private int _next;

    /// <summary>fMP4 segments: the joined bytes are an MP4, else MPEG-TS.</summary>
    public bool Fragmented => playlist.Fragmented;

    /// <summary>How far the read is by segments begun, and "segment 12 of 340", for progress where no total size is known.</summary>
    public (double Fraction, string Said) Share()
    {
        var begun = Math.Clamp(_next - (playlist.Fragmented ? 1 : 0), 0, playlist.Segments);
        return ((double)begun / playlist.Segments, $"segment {begun} of {playlist.Segments}");
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_current is null)
            {
                if (_next == playlist.Parts.Count)
                {
                    return 0;
                }

                _current = await OpenAsync(_next++, cancellationToken);
            }

            int read;
            try
            {
                read = await _current.Content.ReadAsync(buffer, cancellationToken);
            }
            catch (VideoImportException e)
            {
                throw new VideoImportException($"{Part(_next - 1)}: {e.Message}", e);
            }

            if (read > 0)
            {
                return read;
            }

            await _current.DisposeAsync();
            _current = null;
        }
    }

    private async Task<UrlDownload> OpenAsync(int index, CancellationToken cancellationToken)
    {
        var part = playlist.Parts[index];
        try
        {
            try
            {
                return await OpenAsync(index, part, cancellationToken);
            }
            catch (VideoImportException e) when (e.InnerException is HttpRequestException { StatusCode: HttpStatusCode.Forbidden or HttpStatusCode.NotFound }
                && HlsPlaylist.MutedCopy(part) is { } muted)
            {
                return await OpenAsync(index, muted, cancellationToken);
            }
        }
        catch (VideoImportException e)
        {
            throw new VideoImportException($"{Part(index)}: {e.Message}", e);
        }
    }

    private async Task<UrlDownload> OpenAsync(int index, Uri part, CancellationToken cancellationToken)
    {
        // Past the first part the server was reached a moment ago: out of reach now is a hiccup to wait out.
        var download = index == 0 ? await downloader.OpenAsync(part, waiting, cancellationToken) : await downloader.OpenNextAsync(part, waiting, cancellationToken);
        if (HlsPlaylist.IsMuted(part))
        {
            _muted.Add(index - (playlist.Fragmented ? 1 : 0));
        }

        return download;
    }

    /// <summary>
    /// Once read: what the editor should know of the parts Twitch muted, e.g. "; Twitch muted the sound of 6:00.0 of it
    /// (42:00.0–45:00.0, 48:00.0–51:00.0): those parts are silent", or "" when none was.
    /// </summary>
    public string MutedNote()
    {
        var spans = new List<ClipBounds>();
        foreach (var (start, end) in _muted.Select(playlist.Span))
        {
            if (spans.Count > 0 && Math.Abs(spans[^1].End - start) < 0.5)
            {
                spans[^1] = spans[^1] with { End = end };
            }
            else
            {
                spans.Add(new ClipBounds(start, end));
            }
        }

        if (spans.Count == 0)
        {
            return "";
        }

        const int shown = 5;
        var listed = string.Join(", ", spans.Take(shown));
        var more = spans.Count > shown ? $" and {spans.Count - shown} more" : "";
        return $"; Twitch muted the sound of {ClipBounds.Clock(spans.Sum(s => s.Duration))} of it ({listed}{more}): those parts are silent";
    }

    /// <summary>"Segment 3 of 10 of the playlist", or its init section.</summary>
    private string Part(int index)
    {
        return playlist.Fragmented && index == 0 ? "The playlist's init section" : $"Segment {index + (playlist.Fragmented ? 0 : 1)} of {playlist.Segments} of the playlist";
    }

    public override async ValueTask DisposeAsync()
    {
        if (_current is not null)
        {
            await _current.DisposeAsync();
            _current = null;
        }

        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _current is not null)
        {
            _current.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _current = null;
        }

        base.Dispose(disposing);
    }
}
