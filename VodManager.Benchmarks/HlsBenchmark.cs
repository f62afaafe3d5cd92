using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VodManager.Core;
using VodManager.Core.Ingest.Video;

namespace VodManager.Benchmarks;

/// <summary>
/// `hls [--segments N] [--segment-mb M] [--latency-ms L] [--mbps R] [--parallel P]`: an HLS VOD's segments fetched
/// through the product's <see cref="HlsSegmentStream"/> and <see cref="UrlDownloader"/> from a local server that acts
/// as a distant CDN edge does (each request waits L ms before its answer, each connection sends at most R MB/s). The
/// baseline is the import as it was, one segment after another (<c>Import:HlsParallelSegments</c> = 1); the product
/// fetches P at once. Both read every byte in playing order (checked by hash).
/// </summary>
public sealed class HlsBenchmark : IBenchmark
{
    public string Name => "hls";

    public string Description => "HLS VOD download: segments fetched 4 at once vs one after another, from a slow CDN";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var segments = (int)BenchmarkArgs.Number(args, "--segments", 40);
        var segmentBytes = (int)(BenchmarkArgs.Number(args, "--segment-mb", 1) * (1 << 20));
        var latency = TimeSpan.FromMilliseconds(BenchmarkArgs.Number(args, "--latency-ms", 80));
        var bytesPerSecond = BenchmarkArgs.Number(args, "--mbps", 4) * (1 << 20);
        var parallel = (int)BenchmarkArgs.Number(args, "--parallel", 4);
        var body = RandomNumberGenerator.GetBytes(segmentBytes);
        var expected = ExpectedHash(body, segments);

        using var server = new ThrottledServer(body, latency, bytesPerSecond);
        var folder = Path.Combine(Path.GetTempPath(), $"vodmanager-bench-hls-{Environment.ProcessId}");
        try
        {
            await using var services = BenchmarkHost.Build(folder, new Dictionary<string, string?> { ["Import:AllowPrivateAddresses"] = "true" });
            var downloader = services.GetRequiredService<UrlDownloader>();
            HlsPlaylist Playlist(int count)
            {
                var text = new StringBuilder("#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXT-X-PLAYLIST-TYPE:VOD\n");
                for (var i = 0; i < count; i++)
                {
                    text.Append("#EXTINF:10.000,\n").Append(CultureInfo.InvariantCulture, $"{i}.ts\n");
                }

                return HlsPlaylist.Parse(text.Append("#EXT-X-ENDLIST\n").ToString(), new Uri(server.BaseUrl, "index-dvr.m3u8")).Media!;
            }

            var playlist = Playlist(segments);
            Console.Error.WriteLine($"{segments} segments of {ByteSize.Format(segmentBytes)} from {server.BaseUrl}, {latency.TotalMilliseconds:0} ms a request, {bytesPerSecond / (1 << 20):0.#} MB/s a connection …");

            // First use (connections, JIT) paid outside the measured rounds.
            await ReadAsync(downloader, Playlist(2), parallel, cancellationToken);
            var before = await BestOfAsync(downloader, playlist, 1, expected, cancellationToken);
            var now = await BestOfAsync(downloader, playlist, parallel, expected, cancellationToken);
            var peak = Process.GetCurrentProcess().PeakWorkingSet64;

            var total = (double)segmentBytes * segments;
            Console.WriteLine($"| {segments} × {ByteSize.Format(segmentBytes)} segments | wall | MB/s | × |");
            Console.WriteLine("|---|---:|---:|---:|");
            Console.WriteLine(FormattableString.Invariant($"| before: one after another | {before:0.00} s | {total / before / (1 << 20):0.0} | 1.00 |"));
            Console.WriteLine(FormattableString.Invariant($"| now: {parallel} at once | {now:0.00} s | {total / now / (1 << 20):0.0} | {before / now:0.00} |"));
            Console.WriteLine($"peak working set {ByteSize.Format(peak)}");
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                segments,
                segment_bytes = segmentBytes,
                latency_ms = latency.TotalMilliseconds,
                connection_mb_s = bytesPerSecond / (1 << 20),
                parallel,
                sequential_s = Math.Round(before, 3),
                parallel_s = Math.Round(now, 3),
                speedup = Math.Round(before / now, 2),
                peak_working_set_mb = Math.Round(peak / (double)(1 << 20), 1),
            }));
            return 0;
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task<double> BestOfAsync(UrlDownloader downloader, HlsPlaylist playlist, int parallel, string expected, CancellationToken cancellationToken)
    {
        var best = double.MaxValue;
        for (var round = 0; round < 2; round++)
        {
            var watch = Stopwatch.StartNew();
            var hash = await ReadAsync(downloader, playlist, parallel, cancellationToken);
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
            if (hash != expected)
            {
                throw new InvalidOperationException($"{parallel} at once read other bytes than the segments in order.");
            }
        }

        return best;
    }

    private static async Task<string> ReadAsync(UrlDownloader downloader, HlsPlaylist playlist, int parallel, CancellationToken cancellationToken)
    {
        await using var stream = new HlsSegmentStream(downloader, playlist, parallel);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static string ExpectedHash(byte[] body, int segments)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var i = 0; i < segments; i++)
        {
            hash.AppendData(body);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>Answers every path with the same body, after a wait, at a bounded rate per response.</summary>
    private sealed class ThrottledServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly byte[] _body;
        private readonly TimeSpan _latency;
        private readonly double _bytesPerSecond;

        public ThrottledServer(byte[] body, TimeSpan latency, double bytesPerSecond)
        {
            (_body, _latency, _bytesPerSecond) = (body, latency, bytesPerSecond);
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            BaseUrl = new Uri($"http://127.0.0.1:{port}/vod/");
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _ = AcceptAsync();
        }

        public Uri BaseUrl { get; }

        private async Task AcceptAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                _ = AnswerAsync(context);
            }
        }

        private async Task AnswerAsync(HttpListenerContext context)
        {
            try
            {
                await Task.Delay(_latency);
                context.Response.ContentType = "video/mp2t";
                context.Response.ContentLength64 = _body.Length;
                var watch = Stopwatch.StartNew();
                const int chunk = 64 * 1024;
                for (var sent = 0; sent < _body.Length; sent += chunk)
                {
                    var due = TimeSpan.FromSeconds(sent / _bytesPerSecond) - watch.Elapsed;
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due);
                    }

                    await context.Response.OutputStream.WriteAsync(_body.AsMemory(sent, Math.Min(chunk, _body.Length - sent)));
                }

                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The reader hung up.
            }
        }

        public void Dispose() => _listener.Close();
    }
}
