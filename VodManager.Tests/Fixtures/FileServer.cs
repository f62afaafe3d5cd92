using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace VodManager.Tests.Fixtures;

/// <summary>
/// A real HTTP server on a free loopback port that URL imports download from. It serves files with and without a
/// Content-Length (a sized file with an ETag and byte ranges, as a CDN does), redirects on demand, fails on demand as
/// real servers do (<see cref="Fault"/>), and counts what it sent so tests can prove a refusal came before the bytes.
/// </summary>
public sealed class FileServer : IAsyncDisposable
{
    private static readonly Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider Types = new();
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _files = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Fault>> _faults = new();
    private long _bytesSent;
    private int _requests;
    private int _inFlight;
    private int _maxInFlight;

    private FileServer(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseUrl { get; private set; } = default!;

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public int Requests => _requests;

    /// <summary>Requests being answered now, and the most there were at once.</summary>
    public (int Now, int Most) InFlight => (Volatile.Read(ref _inFlight), Volatile.Read(ref _maxInFlight));

    /// <summary>How long each request waits before it is answered, as a distant CDN's does.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Answers a range request with 206 and the rest of the file; off, with the whole file, as a server without ranges does.</summary>
    public bool Ranges { get; set; } = true;

    /// <summary>The first byte each request for a sized file asked for (0 without a Range header), in order.</summary>
    public ConcurrentQueue<long> RangeStarts { get; } = new();

    /// <summary>The name each request for a served file asked for, in order.</summary>
    public ConcurrentQueue<string> Asked { get; } = new();

    /// <summary>A failure served once, in place of (part of) the file, by the next request for it.</summary>
    public abstract record Fault
    {
        private Fault()
        {
        }

        /// <summary>Answers this status instead of the file (with Retry-After: 0 for 429 and 503).</summary>
        public sealed record Status(int Code) : Fault;

        /// <summary>Sends the first <paramref name="Bytes"/> of what was asked, runs <paramref name="Then"/>, and drops the connection.</summary>
        public sealed record BreakAfter(long Bytes, Action? Then = null) : Fault;

        /// <summary>Sends the first <paramref name="Bytes"/> of what was asked, then nothing until the client hangs up.</summary>
        public sealed record StallAfter(long Bytes) : Fault;

        /// <summary>Sends the first <paramref name="Bytes"/> of what was asked, then the rest once <paramref name="Release"/> completes.</summary>
        public sealed record HoldAfter(long Bytes, Task Release) : Fault;

        /// <summary>
        /// Answers as usual, running <paramref name="Run"/> once the answer's headers are set: the file replaced on the
        /// server while this request is answered, as a publisher does, so the next request finds the new one.
        /// </summary>
        public sealed record WhileSending(Action Run) : Fault;
    }

    /// <summary>The next requests for <paramref name="name"/> fail with <paramref name="faults"/>, one each, in order.</summary>
    public FileServer Fail(string name, params Fault[] faults)
    {
        var queue = _faults.GetOrAdd(name, _ => new ConcurrentQueue<Fault>());
        foreach (var fault in faults)
        {
            queue.Enqueue(fault);
        }

        return this;
    }

    public static async Task<FileServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var server = new FileServer(builder.Build());
        server.Map();
        await server._app.StartAsync();
        server.BaseUrl = new Uri(server._app.Urls.First());
        return server;
    }

    /// <summary>Serves every file under <paramref name="folder"/> by its relative path, as a folder of HLS parts is published.</summary>
    public FileServer ServeFolder(string folder)
    {
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
        {
            Serve(Path.GetRelativePath(folder, file).Replace('\\', '/'), file);
        }

        return this;
    }

    /// <summary>Serves a file at /f/{name} (sized) and /unsized/{name} (chunked, no Content-Length), typed by its extension.</summary>
    public FileServer Serve(string name, string path)
    {
        _files[name] = path;
        return this;
    }

    public Uri Sized(string name) => new(BaseUrl, $"/f/{name}");

    public Uri Unsized(string name) => new(BaseUrl, $"/unsized/{name}");

    /// <summary>A URL that redirects <paramref name="hops"/> times before reaching the sized file.</summary>
    public Uri Redirecting(int hops, string name) => new(BaseUrl, $"/redirect/{hops}/{name}");

    /// <summary>A URL that redirects once to <paramref name="location"/>, whatever it is.</summary>
    public Uri RedirectingTo(string location) => new(BaseUrl, $"/to?location={Uri.EscapeDataString(location)}");

    /// <summary>A URL that announces <paramref name="length"/> bytes, sends the first <paramref name="sent"/> and then waits until the client hangs up.</summary>
    public Uri Stalling(long length, int sent) => new(BaseUrl, $"/stall/{length}/{sent}");

    private void Map()
    {
        _app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref _requests);
            var now = Interlocked.Increment(ref _inFlight);
            for (var most = _maxInFlight; now > most && Interlocked.CompareExchange(ref _maxInFlight, now, most) != most; most = _maxInFlight)
            {
            }

            try
            {
                await Task.Delay(Latency, context.RequestAborted);
                await next(context);
            }
            catch (OperationCanceledException)
            {
                // The client hung up while the request waited.
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        });
        _app.MapGet("/f/{**name}", (HttpContext http, string name) => SendAsync(http, name, sized: true));
        _app.MapGet("/unsized/{**name}", (HttpContext http, string name) => SendAsync(http, name, sized: false));
        _app.MapGet("/redirect/{hops:int}/{name}", (int hops, string name) =>
            Results.Redirect(hops <= 1 ? $"/f/{name}" : $"/redirect/{hops - 1}/{name}"));
        _app.MapGet("/to", (string location) => Results.Redirect(location));
        _app.MapGet("/stall/{length:long}/{sent:int}", StallAsync);
    }

    private async Task SendAsync(HttpContext http, string name, bool sized)
    {
        Asked.Enqueue(name);
        if (!_files.TryGetValue(name, out var path))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var fault = _faults.TryGetValue(name, out var queue) && queue.TryDequeue(out var next) ? next : null;
        if (fault is Fault.Status status)
        {
            http.Response.StatusCode = status.Code;
            if (status.Code is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
            {
                http.Response.Headers.RetryAfter = "0";
            }

            return;
        }

        var info = new FileInfo(path);
        var from = 0L;
        var last = info.Length - 1;
        if (sized)
        {
            var etag = $"\"{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}\"";
            var asked = Range(http.Request, etag);
            from = asked?.From ?? 0;
            last = Math.Min(asked?.To ?? last, last);
            RangeStarts.Enqueue(from);
            http.Response.Headers.ETag = etag;
            http.Response.Headers.AcceptRanges = Ranges ? "bytes" : "none";
            http.Response.ContentLength = last - from + 1;
            if (asked is not null)
            {
                http.Response.StatusCode = StatusCodes.Status206PartialContent;
                http.Response.Headers.ContentRange = $"bytes {from}-{last}/{info.Length}";
            }
        }

        http.Response.ContentType = Types.TryGetContentType(path, out var type) ? type : "video/mp4";
        await using var file = File.OpenRead(path);
        (fault as Fault.WhileSending)?.Run();
        file.Position = from;
        var limit = Math.Min(last - from + 1, fault switch
        {
            Fault.BreakAfter b => b.Bytes,
            Fault.StallAfter s => s.Bytes,
            Fault.HoldAfter h => h.Bytes,
            _ => long.MaxValue,
        });
        var buffer = new byte[64 * 1024];
        try
        {
            await SendAsync(limit);
            await http.Response.Body.FlushAsync(http.RequestAborted);
            if (fault is Fault.HoldAfter held)
            {
                await held.Release.WaitAsync(http.RequestAborted);
                await SendAsync(last - file.Position + 1);
                await http.Response.Body.FlushAsync(http.RequestAborted);
            }

            if (fault is Fault.BreakAfter broken)
            {
                broken.Then?.Invoke();
                http.Abort();
            }
            else if (fault is Fault.StallAfter)
            {
                await Task.Delay(Timeout.Infinite, http.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The importer hung up (limit reached, refusal): exactly what some tests want.
        }

        async Task SendAsync(long bytes)
        {
            int read;
            while (bytes > 0 && (read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, bytes)), http.RequestAborted)) > 0)
            {
                await http.Response.Body.WriteAsync(buffer.AsMemory(0, read), http.RequestAborted);
                Interlocked.Add(ref _bytesSent, read);
                bytes -= read;
            }
        }
    }

    /// <summary>The range a request asks for (its last byte when it gives one), when this server takes ranges and its If-Range still names the file.</summary>
    private (long From, long? To)? Range(HttpRequest request, string etag)
    {
        var range = request.GetTypedHeaders().Range;
        var ifRange = request.Headers.IfRange.ToString();
        return Ranges && range?.Ranges.Count == 1 && range.Ranges.First() is { From: { } from } asked && (from > 0 || asked.To is not null) && (ifRange.Length == 0 || ifRange == etag)
            ? (from, asked.To)
            : null;
    }

    private async Task StallAsync(HttpContext http, long length, int sent)
    {
        http.Response.ContentLength = length;
        http.Response.ContentType = "video/mp4";
        try
        {
            await http.Response.Body.WriteAsync(new byte[sent], http.RequestAborted);
            await http.Response.Body.FlushAsync(http.RequestAborted);
            Interlocked.Add(ref _bytesSent, sent);
            await Task.Delay(Timeout.Infinite, http.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The importer hung up: the only way this response ends.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
