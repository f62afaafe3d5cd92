using System.Net;
using System.Net.Sockets;

namespace VodManager.Benchmarks;

/// <summary>
/// A TCP relay in front of a storage server that counts the bytes the server sends: what a cut really pulled from
/// storage, measured on the wire and not by the code under test.
/// </summary>
public sealed class CountingTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private long _downstreamBytes;

    public CountingTcpProxy(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Bytes sent by the server to its clients since the last <see cref="Reset"/>.</summary>
    public long ServerBytes => Interlocked.Read(ref _downstreamBytes);

    public void Reset() => Interlocked.Exchange(ref _downstreamBytes, 0);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
            var up = Pump(client.GetStream(), server.GetStream(), count: false);
            var down = Pump(server.GetStream(), client.GetStream(), count: true);
            await Task.WhenAny(up, down);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
        }
    }

    private async Task Pump(NetworkStream from, NetworkStream to, bool count)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (count)
                {
                    Interlocked.Add(ref _downstreamBytes, read);
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            to.Socket.Shutdown(SocketShutdown.Send);
        }
    }
}
