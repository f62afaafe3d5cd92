using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace VodManager.Core.Storage;

/// <summary>
/// A read-through HTTP range server on loopback that ffmpeg reads a stored object from, so a cut of a remote source
/// moves only the clip's bytes. Plain ffmpeg over a SAS URL makes open-ended range requests that stream ahead into
/// socket buffers (about 1.7× the clip); here every answer is bounded (<see cref="RangeReadSession"/> decides how
/// far) and the connection closes after it, so ffmpeg asks again for exactly the next piece. Runs in any process
/// (web host or CLI) on its own listener; no web server is needed.
/// </summary>
public sealed class RangeReadProxy(IVodStorage storage, ILogger<RangeReadProxy> logger) : IAsyncDisposable
{
    private const int MaxHeaderBytes = 16 * 1024;
    private static readonly TimeSpan HeaderTimeout = TimeSpan.FromSeconds(15);
    private readonly ConcurrentDictionary<string, RangeReadSession> _sessions = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private TcpListener? _listener;
    private Task? _acceptLoop;

    /// <summary>Opens a session for one stored object; its URL works until the session is disposed.</summary>
    public async Task<RangeReadSession> OpenAsync(string key, RangeReadSettings settings, CancellationToken cancellationToken)
    {
        var size = await storage.GetSizeAsync(key, cancellationToken) ?? throw new StorageObjectNotFoundException(storage.Name, key);
        var port = await EnsureListeningAsync(cancellationToken);
        var token = Guid.NewGuid().ToString("N");
        var url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/{token}/{Uri.EscapeDataString(Path.GetFileName(key))}");
        var session = new RangeReadSession(storage, key, size, url, settings, () => _sessions.TryRemove(token, out _));
        _sessions[token] = session;
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener?.Stop();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stopping.Dispose();
    }

    private async Task<int> EnsureListeningAsync(CancellationToken cancellationToken)
    {
        await _startGate.WaitAsync(cancellationToken);
        try
        {
            if (_listener is null)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                _listener = listener;
                _acceptLoop = AcceptLoopAsync(listener);
            }

            return ((IPEndPoint)_listener.LocalEndpoint).Port;
        }
        finally
        {
            _startGate.Release();
        }
    }

    private async Task AcceptLoopAsync(TcpListener listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        // A small send buffer keeps read-ahead in the proxy, where the answer's bound applies, not in the kernel.
        client.NoDelay = true;
        client.SendBufferSize = 64 * 1024;
        var stream = client.GetStream();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(HeaderTimeout);
            var request = await ReadRequestAsync(stream, timeout.Token);
            await AnswerAsync(stream, request, _stopping.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // ffmpeg hangs up as soon as it has what it needs: normal, nothing to report.
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Range proxy failed to answer a request");
        }
    }

    private async Task AnswerAsync(NetworkStream stream, ProxyRequest? request, CancellationToken cancellationToken)
    {
        if (request is null || request.Method is not ("GET" or "HEAD"))
        {
            await WriteStatusAsync(stream, "400 Bad Request", "", cancellationToken);
            return;
        }

        if (!_sessions.TryGetValue(request.Token, out var session))
        {
            await WriteStatusAsync(stream, "404 Not Found", "", cancellationToken);
            return;
        }

        if (request.From >= session.Size || (request.To is { } to && to < request.From))
        {
            await WriteStatusAsync(stream, "416 Range Not Satisfiable", $"Content-Range: bytes */{session.Size}\r\n", cancellationToken);
            return;
        }

        var end = session.PlanAnswer(request.From, request.To);
        var headers = new StringBuilder()
            .Append("HTTP/1.1 206 Partial Content\r\n")
            .Append("Content-Type: application/octet-stream\r\n")
            .Append("Accept-Ranges: bytes\r\n")
            // Content-Range before Content-Length: older ffmpeg takes the file size from whichever comes first.
            .Append(CultureInfo.InvariantCulture, $"Content-Range: bytes {request.From}-{end}/{session.Size}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {end - request.From + 1}\r\n")
            .Append("Connection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(headers.ToString()), cancellationToken);
        if (request.Method == "GET")
        {
            await session.CopyAsync(request.From, end, stream, cancellationToken);
        }

        await stream.FlushAsync(cancellationToken);
    }

    private static async Task WriteStatusAsync(NetworkStream stream, string status, string extraHeaders, CancellationToken cancellationToken) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\n{extraHeaders}Content-Length: 0\r\nConnection: close\r\n\r\n"), cancellationToken);

    private static async Task<ProxyRequest?> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxHeaderBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return null;
            }

            length += read;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                return ProxyRequest.Parse(text);
            }
        }

        return null;
    }
}
