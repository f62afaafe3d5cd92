using System.Net;
using System.Net.Sockets;
using VodManager.Core.Ingest;
using VodManager.Core.Ingest.Video;
using VodManager.Tests.Fixtures;

namespace VodManager.Tests.Ingest.Video;

/// <summary>
/// The import box is not a way into the network: with the default settings no URL import reaches loopback, private
/// or link-local addresses, whether named by IP, by a host name that resolves there, or in a disguised form. A
/// real server listens on loopback to prove that not even a connection is made.
/// </summary>
public sealed class UrlImportSafetyTests : IAsyncLifetime
{
    private FileServer _server = default!;
    private ImportHost _host = default!;

    public async Task InitializeAsync()
    {
        _server = await FileServer.StartAsync();
        _server.Serve("vod.mp4", await TestMedia.GetAsync());
        _host = await ImportHost.StartAsync(new Dictionary<string, string?>(), new Dictionary<string, string?> { ["Import:AllowPrivateAddresses"] = "false" });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    private async Task<VideoImportException> RefusedAsync(string url)
    {
        var error = await Assert.ThrowsAsync<VideoImportException>(() => _host.Get<VideoImportService>().ImportUrlAsync(
            new VideoImportTarget(_host.Account.Id, _host.Stream.Id), new Uri(url), Guid.NewGuid().ToString("N"), null, CancellationToken.None));
        Assert.Equal(0, _server.Requests);
        await Leftovers.AssertNoneAsync(_host.Core.Services, _host.Account.Id);
        return error;
    }

    private int Port => _server.BaseUrl.Port;

    private const string NotAllowed = "is not allowed: imports may not reach loopback, private, link-local or this machine's own addresses (setting Import:AllowPrivateAddresses)";

    [Fact]
    public async Task A_url_to_127_0_0_1_is_refused_before_connecting()
    {
        var error = await RefusedAsync($"http://127.0.0.1:{Port}/f/vod.mp4");
        Assert.Contains($"the address of '127.0.0.1' {NotAllowed}", error.Message);
    }

    [Fact]
    public async Task A_host_name_that_resolves_to_loopback_is_refused_without_naming_the_addresses()
    {
        var error = await RefusedAsync($"http://localhost:{Port}/f/vod.mp4");
        Assert.Contains($"the address of 'localhost' {NotAllowed}", error.Message);
        Assert.DoesNotContain("127.0.0.1", error.Message);
        Assert.DoesNotContain("::1", error.Message);
    }

    [Theory]
    [InlineData("http://10.20.30.40/vod.mp4")]
    [InlineData("http://192.168.1.20/vod.mp4")]
    [InlineData("http://172.16.5.4/vod.mp4")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]/vod.mp4")]
    [InlineData("http://[::ffff:192.168.0.1]/vod.mp4")]
    [InlineData("http://2130706433/vod.mp4")]
    [InlineData("http://0x7f.1/vod.mp4")]
    public async Task Private_link_local_and_disguised_addresses_are_refused(string url)
    {
        var error = await RefusedAsync(url);
        Assert.Contains(NotAllowed, error.Message);
    }

    [Fact]
    public async Task The_machines_own_interface_addresses_are_refused_even_when_public()
    {
        var own = AddressPolicy.OwnAddresses();
        Assert.NotEmpty(own);
        foreach (var address in own.Where(a => !a.IsIPv6LinkLocal))
        {
            var error = await RefusedAsync($"http://{(address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address)}:{Port}/f/vod.mp4");
            Assert.Contains(NotAllowed, error.Message);
        }
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/vod.mp4")]
    [InlineData("gopher://example.com/vod.mp4")]
    public async Task Only_http_and_https_urls_are_accepted(string url)
    {
        var error = await RefusedAsync(url);
        Assert.Contains("only http and https URLs can be imported", error.Message);
    }

    [Fact]
    public async Task A_url_with_credentials_is_refused()
    {
        var error = await RefusedAsync("http://admin:secret@example.com/vod.mp4");
        Assert.Contains("user name or password", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Fact]
    public async Task An_hls_playlists_segments_pass_the_same_address_checks_as_the_playlist()
    {
        // A public playlist may name any segment URL: each is opened through the downloader, so one on loopback is
        // refused before a connection is made (the playlist itself cannot be served from a public address here).
        var (playlist, _, _) = HlsPlaylist.Parse($"#EXTM3U\n#EXTINF:4,\nhttp://127.0.0.1:{Port}/f/vod.mp4\n#EXT-X-ENDLIST\n", new Uri("https://cdn.example/vod/index.m3u8"));
        await using var segments = new HlsSegmentStream(_host.Get<UrlDownloader>(), playlist!);

        var error = await Assert.ThrowsAsync<VideoImportException>(() => segments.ReadAsync(new byte[1024]).AsTask());

        Assert.StartsWith("Segment 1 of 1 of the playlist: ", error.Message);
        Assert.Contains($"the address of '127.0.0.1' {NotAllowed}", error.Message);
        Assert.Equal(0, _server.Requests);
    }
}
