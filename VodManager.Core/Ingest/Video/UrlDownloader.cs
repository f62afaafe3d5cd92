using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace VodManager.Core.Ingest.Video;

/// <summary>
/// Opens a URL for a video import without becoming a way into the network (SSRF): http(s) only, no proxy, a
/// bounded number of redirects each checked again, and every connection's resolved IP checked by
/// <see cref="AddressPolicy"/> at connect time, so neither a redirect nor a DNS name that resolves to 127.0.0.1
/// (or changes its answer between check and use) gets past it.
/// </summary>
public sealed class UrlDownloader : IDisposable
{
    private readonly VideoImportOptions _options;
    private readonly HttpClient _client;

    public UrlDownloader(IOptions<VideoImportOptions> options)
    {
        _options = options.Value;
        _client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(15),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = ConnectAsync,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Follows redirects up to the limit and returns the response body; throws <see cref="VideoImportException"/> with the reason.</summary>
    public async Task<UrlDownload> OpenAsync(Uri url, CancellationToken cancellationToken)
    {
        for (var hop = 0; ; hop++)
        {
            CheckUrl(url);
            HttpResponseMessage response;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("identity"));
                request.Headers.UserAgent.Add(new ProductInfoHeaderValue("VodManager", "1.0"));
                response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException e) when (e.InnerException is BlockedAddressException blocked)
            {
                throw new VideoImportException($"'{Show(url)}' was refused: {blocked.Message}", blocked);
            }
            catch (HttpRequestException e)
            {
                throw new VideoImportException($"'{Show(url)}' could not be fetched: {e.Message}", e);
            }

            if (IsRedirect(response.StatusCode))
            {
                var location = response.Headers.Location;
                response.Dispose();
                if (location is null)
                {
                    throw new VideoImportException($"'{Show(url)}' redirected without saying where to.");
                }

                if (hop >= _options.UrlMaxRedirects)
                {
                    throw new VideoImportException($"'{Show(url)}' was refused: more than {_options.UrlMaxRedirects} redirects (setting {VideoImportOptions.Section}:UrlMaxRedirects).");
                }

                url = location.IsAbsoluteUri ? location : new Uri(url, location);
                continue;
            }

            try
            {
                return await OpenBodyAsync(url, response, cancellationToken);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
    }

    private async Task<UrlDownload> OpenBodyAsync(Uri url, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new VideoImportException($"'{Show(url)}' answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        if (response.Content.Headers.ContentEncoding.Any(e => !e.Equals("identity", StringComparison.OrdinalIgnoreCase)))
        {
            throw new VideoImportException($"'{Show(url)}' was refused: it sent compressed content ({string.Join(", ", response.Content.Headers.ContentEncoding)}) though it was asked not to.");
        }

        if (response.Content.Headers.ContentLength is { } length && length > _options.UrlMaxBytes)
        {
            throw new VideoImportException(
                $"'{Show(url)}' was refused: it is {ByteSize.Format(length)}, over the {ByteSize.Format(_options.UrlMaxBytes)} limit (setting {VideoImportOptions.Section}:UrlMaxBytes).");
        }

        return new UrlDownload(response, await response.Content.ReadAsStreamAsync(cancellationToken), url);
    }

    private static void CheckUrl(Uri url)
    {
        if (!url.IsHttp())
        {
            throw new VideoImportException($"'{Show(url)}' was refused: only http and https URLs can be imported.");
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            throw new VideoImportException($"'{Show(url)}' was refused: URLs with a user name or password are not accepted.");
        }
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var own = AddressPolicy.OwnAddresses();
        var allowed = _options.AllowPrivateAddresses ? addresses : addresses.Where(a => !AddressPolicy.IsBlocked(a, own)).ToArray();
        if (addresses.Length > 0 && allowed.Length == 0)
        {
            throw new BlockedAddressException(
                $"the address of '{host}' is not allowed: imports may not reach loopback, private, link-local or this machine's own addresses (setting {VideoImportOptions.Section}:AllowPrivateAddresses).");
        }

        SocketException? failed = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                failed = e;
            }
        }

        throw new IOException($"Could not connect to '{host}': {failed?.Message ?? "it has no address"}.");
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    /// <summary>The URL for messages and job titles: without its query (it may hold a token) or a user name and password.</summary>
    public static string Show(Uri url) => url.IsAbsoluteUri ? $"{url.Scheme}://{url.Authority}{url.AbsolutePath}" : url.ToString();

    public void Dispose() => _client.Dispose();
}
