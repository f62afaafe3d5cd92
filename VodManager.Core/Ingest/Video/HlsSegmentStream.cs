using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using VodManager.Core.Media;
using VodManager.Core.Storage;

namespace VodManager.Core.Ingest.Video;

/// <summary>
/// An <see cref="HlsPlaylist"/>'s parts read as one file, in order. Up to <c>Import:HlsParallelSegments</c> parts are
/// fetched at once through <see cref="UrlDownloader"/>, each into a bounded buffer that the reader drains in turn: a
/// CDN's per-request wait and per-connection rate would otherwise bound a thousand-segment Twitch VOD's download.
/// A part whose connection drops is resumed by the downloader; one that cannot be fetched fails the read when the
/// reader reaches it, naming which of how many it was. Segments whose sound Twitch muted are read like the others and
/// counted (<see cref="Muted"/>), and where each run of the playlist begins in the joined bytes is noted
/// (<see cref="Findings"/>). Where the read stands can be kept (<see cref="State"/>) and a read started again there
/// after a restart, with what it had found so far.
/// </summary>
/// <param name="parallel">How many parts are fetched at once (1: one after another).</param>
/// <param name="waiting">Told each time a part's passing failure is waited out (for a job's progress).</param>
/// <param name="from">Where an earlier read of the same playlist stopped: this one reads on from there.</param>
public sealed class HlsSegmentStream(UrlDownloader downloader, HlsPlaylist playlist, int parallel = 1, Action<string>? waiting = null, HlsReadState? from = null) : ReadOnlyStream
{
    /// <summary>Bytes a part fetched ahead may hold unread: a Twitch segment (10 s at source quality) is 2–10 MB.</summary>
    internal const int PartBuffer = 16 << 20;

    /// <summary>What each file served in byte ranges answered for its first range fetched: the others must match it.</summary>
    private readonly ConcurrentDictionary<Uri, string> _versions = new((from?.Versions ?? new Dictionary<string, string>()).Select(v => KeyValuePair.Create(new Uri(v.Key), v.Value)));
    private readonly Queue<Fetch> _ahead = new();
    private readonly SortedSet<int> _muted = [.. from?.Muted ?? []];
    private readonly List<long> _runOffsets = [.. from?.RunOffsets ?? []];
    private readonly string _fingerprint = playlist.Fingerprint();
    private long _delivered = from?.Delivered ?? 0;
    private readonly CancellationTokenSource _stop = new();
    private int _started = from?.Part ?? 0;
    private int _reading = from?.Part ?? 0;

    /// <summary>The part being read and how many of its bytes were read.</summary>
    private (int Index, long Read) _head = (from?.Part ?? 0, from?.InPart ?? 0);
    private bool _stopped;

    /// <summary>fMP4 segments: the joined bytes are an MP4, else MPEG-TS.</summary>
    public bool Fragmented => playlist.Fragmented;

    /// <summary>The playlist read.</summary>
    public HlsPlaylist Playlist => playlist;

    /// <summary>How far the read is by segments begun, and "segment 12 of 340", for progress where no total size is known.</summary>
    public (double Fraction, string Said) Share()
    {
        var begun = _reading == 0 ? 0 : playlist.Parts[_reading - 1] switch { { Init: true } init => init.Segment, var segment => segment.Segment + 1 };
        return ((double)begun / playlist.Segments, $"segment {begun} of {playlist.Segments}");
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            while (_ahead.Count < Math.Max(1, parallel) && _started < playlist.Parts.Count)
            {
                _ahead.Enqueue(Start(_started++));
            }

            if (!_ahead.TryPeek(out var head))
            {
                return 0;
            }

            _reading = head.Index + 1;
            if (_head.Index != head.Index)
            {
                _head = (head.Index, 0);
            }

            while (_runOffsets.Count < playlist.Runs.Count && playlist.Runs[_runOffsets.Count] <= head.Index)
            {
                _runOffsets.Add(_delivered);
            }

            var result = await head.Pipe.Reader.ReadAsync(cancellationToken);
            var available = result.Buffer;
            if (!available.IsEmpty)
            {
                // The length is read before the advance, which hands the buffer's blocks back to the pipe.
                var length = (int)Math.Min(available.Length, buffer.Length);
                var taken = available.Slice(0, length);
                taken.CopyTo(buffer.Span);
                head.Pipe.Reader.AdvanceTo(taken.End);
                _delivered += length;
                _head.Read += length;
                return length;
            }

            head.Pipe.Reader.AdvanceTo(available.End);
            if (result.IsCompleted)
            {
                await head.Pipe.Reader.CompleteAsync();
                await _ahead.Dequeue().Task;
            }
        }
    }

    private Fetch Start(int index)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: PartBuffer, resumeWriterThreshold: PartBuffer / 2, useSynchronizationContext: false));
        return new Fetch(index, pipe, FetchAsync(index, pipe.Writer, _stop.Token));
    }

    /// <summary>
    /// Copies part <paramref name="index"/> into its buffer; a failure, named by the part, is handed to the reader
    /// through the buffer.
    /// </summary>
    private async Task FetchAsync(int index, PipeWriter writer, CancellationToken cancellationToken)
    {
        Exception? failed = null;
        try
        {
            await using var download = await OpenAsync(index, cancellationToken);
            if (from is { } resumed && index == resumed.Part)
            {
                // The bytes an earlier read took of this part are stored; a part shorter than that is not the one it read.
                var skipped = await ResumingBody.ReadPastAsync(buffer => download.Content.ReadAsync(buffer, cancellationToken), resumed.InPart);
                if (skipped < resumed.InPart)
                {
                    throw new VideoImportException($"'{UrlDownloader.Show(download.FinalUrl)}' is {ByteSize.Format(skipped)} now, shorter than the {ByteSize.Format(resumed.InPart)} read of it before the restart; nothing was kept.");
                }
            }

            int read;
            while ((read = await download.Content.ReadAsync(writer.GetMemory(64 * 1024), cancellationToken)) > 0)
            {
                writer.Advance(read);
                if ((await writer.FlushAsync(cancellationToken)).IsCompleted)
                {
                    break;
                }
            }
        }
        catch (VideoImportException e)
        {
            failed = new VideoImportException($"{Part(index)}: {e.Message}", e);
        }
        catch (Exception e)
        {
            failed = e;
        }

        await writer.CompleteAsync(failed);
    }

    private async Task<UrlDownload> OpenAsync(int index, CancellationToken cancellationToken)
    {
        var part = playlist.Parts[index].Url;
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

    private async Task<UrlDownload> OpenAsync(int index, Uri part, CancellationToken cancellationToken)
    {
        // Past the first part the server was reached a moment ago: out of reach now is a hiccup to wait out.
        var range = playlist.Parts[index].Range;
        var download = await downloader.OpenPartAsync(part, range, next: index > 0, waiting, cancellationToken);
        if (range is not null)
        {
            SameFile(part, download);
        }

        if (HlsPlaylist.IsMuted(part))
        {
            lock (_muted)
            {
                _muted.Add(playlist.Parts[index].Segment);
            }
        }

        return download;
    }

    /// <summary>
    /// A range of a file whose other ranges came from another version of it (replaced on the server meanwhile) is
    /// refused: joined, the two versions' bytes would make a video of neither. Each range's own resume is tied to its
    /// first answer (<see cref="ResumingBody"/>); this ties the ranges to each other.
    /// </summary>
    private void SameFile(Uri part, UrlDownload download)
    {
        var first = _versions.GetOrAdd(part, download.Version);
        if (first != download.Version)
        {
            var now = download.Version;
            download.Content.Dispose();
            throw new VideoImportException($"'{UrlDownloader.Show(part)}' changed while its segments were fetched ({now} now, {first} for an earlier segment); nothing was kept.");
        }
    }

    /// <summary>Where the read stands now, to take it up there after a restart (between reads only).</summary>
    public HlsReadState State()
    {
        lock (_muted)
        {
            return new HlsReadState(_fingerprint, _head.Index, _head.Read, _delivered, [.. _muted], [.. _runOffsets],
                _versions.ToDictionary(v => v.Key.ToString(), v => v.Value));
        }
    }

    /// <summary>Once read: the stretches of the recording Twitch muted.</summary>
    public MutedSound Muted()
    {
        lock (_muted)
        {
            return MutedSound.Of(_muted.Select(playlist.Span).ToList());
        }
    }

    /// <summary>
    /// Once read whole: what the read found besides the bytes (the muted stretches, the variant taken, and where each
    /// run lies in the joined bytes).
    /// </summary>
    public ReadFindings Findings()
    {
        var runs = _runOffsets.Select((offset, i) =>
        {
            var (start, seconds) = playlist.RunSpan(i);
            return new JoinedRun(offset, (i + 1 < _runOffsets.Count ? _runOffsets[i + 1] : _delivered) - offset, start, seconds);
        }).ToList();
        return new ReadFindings(Muted(), playlist.Note(), runs);
    }

    /// <summary>"Segment 3 of 10 of the playlist", or the init section before one.</summary>
    private string Part(int index) => playlist.Parts[index] switch
    {
        { Init: true, Segment: 0 } => "The playlist's init section",
        { Init: true } part => $"The init section before segment {part.Segment + 1} of {playlist.Segments} of the playlist",
        var part => $"Segment {part.Segment + 1} of {playlist.Segments} of the playlist",
    };

    /// <summary>Stops the parts still being fetched and waits for them, so no connection outlives the read.</summary>
    private async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _stop.CancelAsync();
        while (_ahead.TryDequeue(out var fetch))
        {
            await fetch.Pipe.Reader.CompleteAsync();
            await fetch.Task;
        }

        _stop.Dispose();
    }

    public override async ValueTask DisposeAsync()
    {
        await StopAsync();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            StopAsync().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }

    private sealed record Fetch(int Index, Pipe Pipe, Task Task);
}
