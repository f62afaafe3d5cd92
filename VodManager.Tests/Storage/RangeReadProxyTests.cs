using System.Net;
using System.Net.Http.Headers;
using VodManager.Core.Storage;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Storage;

/// <summary>The loopback range proxy over real local storage: exact bytes, bounded answers, pieces fetched once.</summary>
public sealed class RangeReadProxyTests
{
    private static readonly RangeReadSettings Settings = new(ChunkBytes: 64 * 1024, MaxResponseBytes: 256 * 1024, CacheBytes: 4 * 1024 * 1024);

    [Fact]
    public async Task Answers_are_exact_bytes_bounded_to_one_piece_after_a_seek_and_growing_when_read_on()
    {
        await using var host = await CoreHost.StartAsync();
        var (proxy, key, content) = await StoreAsync(host, 1_000_000);
        await using var session = await proxy.OpenAsync(key, Settings, CancellationToken.None);
        using var http = new HttpClient();

        var first = await GetAsync(http, session.Url, 100_000, null);
        Assert.Equal(HttpStatusCode.PartialContent, first.Status);
        Assert.Equal(content[100_000..196_608], first.Body); // one 64 KB piece, then on to the next piece boundary
        Assert.Equal("bytes 100000-196607/1000000", first.ContentRange);

        var next = await GetAsync(http, session.Url, 196_608, null);
        Assert.Equal(content[196_608..393_216], next.Body); // reading on: twice as far, to a piece boundary

        var capped = await GetAsync(http, session.Url, 393_216, null);
        Assert.Equal(256 * 1024, capped.Body.Length); // never more than the maximum answer

        var bounded = await GetAsync(http, session.Url, 999_990, 999_999);
        Assert.Equal(content[999_990..], bounded.Body);
    }

    [Fact]
    public async Task Pieces_are_fetched_once_however_often_they_are_served()
    {
        await using var host = await CoreHost.StartAsync();
        var (proxy, key, _) = await StoreAsync(host, 300_000);
        await using var session = await proxy.OpenAsync(key, Settings, CancellationToken.None);
        using var http = new HttpClient();

        for (var i = 0; i < 3; i++)
        {
            await GetAsync(http, session.Url, 0, 65_535);
        }

        Assert.Equal(64 * 1024, session.BytesFetched);
        Assert.Equal(1, session.Fetches);
    }

    [Fact]
    public async Task Ranges_past_the_end_unknown_sessions_and_closed_sessions_are_refused()
    {
        await using var host = await CoreHost.StartAsync();
        var (proxy, key, _) = await StoreAsync(host, 10_000);
        var session = await proxy.OpenAsync(key, Settings, CancellationToken.None);
        using var http = new HttpClient();

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, (await GetAsync(http, session.Url, 10_000, null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(http, new Uri(session.Url, "/0123/x.mp4"), 0, null)).Status);
        await session.DisposeAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(http, session.Url, 0, null)).Status);
    }

    [Fact]
    public async Task A_missing_object_cannot_be_opened()
    {
        await using var host = await CoreHost.StartAsync();
        await Assert.ThrowsAsync<StorageObjectNotFoundException>(() =>
            host.Get<RangeReadProxy>().OpenAsync("accounts/1/nothing.mp4", Settings, CancellationToken.None));
    }

    private static async Task<(RangeReadProxy Proxy, string Key, byte[] Content)> StoreAsync(CoreHost host, int size)
    {
        var content = new byte[size];
        new Random(42).NextBytes(content);
        var key = "accounts/1/streams/1/source.mp4";
        await host.Get<IVodStorage>().PutAsync(key, new MemoryStream(content), size, CancellationToken.None);
        return (host.Get<RangeReadProxy>(), key, content);
    }

    private static async Task<(HttpStatusCode Status, byte[] Body, string? ContentRange)> GetAsync(HttpClient http, Uri url, long from, long? to)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(from, to);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentRange?.ToString());
    }
}
