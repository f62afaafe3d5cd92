using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace VodManager.Tests.Fixtures;

/// <summary>
/// A real HTTP server on a free loopback port that URL imports download from. It serves files with and without a
/// Content-Length, redirects on demand, and counts what it sent so tests can prove a refusal came before the bytes.
/// </summary>
public sealed class FileServer : IAsyncDisposable
{
    private static readonly Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider Types = new();
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _files = new();
    private long _bytesSent;
    private int _requests;

    private FileServer(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseUrl { get; private set; } = default!;

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public int Requests => _requests;

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
            await next(context);
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
        if (!_files.TryGetValue(name, out var path))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (sized)
        {
            http.Response.ContentLength = new FileInfo(path).Length;
        }

        http.Response.ContentType = Types.TryGetContentType(path, out var type) ? type : "video/mp4";
        await using var file = File.OpenRead(path);
        var buffer = new byte[64 * 1024];
        int read;
        try
        {
            while ((read = await file.ReadAsync(buffer, http.RequestAborted)) > 0)
            {
                await http.Response.Body.WriteAsync(buffer.AsMemory(0, read), http.RequestAborted);
                Interlocked.Add(ref _bytesSent, read);
            }
        }
        catch (OperationCanceledException)
        {
            // The importer hung up (limit reached, refusal): exactly what some tests want.
        }
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
