using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace VodManager.Core.Ingest.Video;

/// <summary>
/// Opens a URL for a video import without becoming a way into the network (SSRF): http(s) only, no proxy, a
/// bounded number of redirects each checked again, and every connection's resolved IP checked by
/// <see cref="AddressPolicy"/> at connect time, so neither a redirect nor a DNS name that resolves to 127.0.0.1
/// (or changes its answer between check and use) gets past it. A passing failure (a server's 503, a connection that
/// drops or stalls mid-body) is retried, a body resumed where it stopped (<see cref="ResumingBody"/>): a Twitch VOD
/// is a thousand segments, and one hiccup among them must not cost the import.
/// </summary>
public sealed class UrlDownloader : IDisposable
{
    private static readonly HashSet<HttpStatusCode> PassingStatuses =
    [
        HttpStatusCode.RequestTimeout, HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError,
        HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
    ];

    /// <summary>Whom a retry's wait is told to (a job's progress), carried in the retry's context.</summary>
    private static readonly ResiliencePropertyKey<Action<string>> Waiting = new("vodmanager.url-waiting");

    private readonly VideoImportOptions _options;
    private readonly HttpClient _client;
    private readonly ResiliencePipeline _retry;

    public UrlDownloader(IOptions<VideoImportOptions> options, ILogger<UrlDownloader> logger)
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
        _retry = _options.UrlRetries == 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<PassingDownloadFailure>(),
                MaxRetryAttempts = _options.UrlRetries,
                Delay = _options.UrlRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxDelay = TimeSpan.FromMinutes(1),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is PassingDownloadFailure { RetryAfter: { } after } ? after : (TimeSpan?)null),
                OnRetry = args =>
                {
                    var failure = args.Outcome.Exception!.Message.TrimEnd('.');
                    logger.LogWarning("{Failure}; trying again in {Delay:0.#} s ({Attempt} of {Retries})", failure, args.RetryDelay.TotalSeconds, args.AttemptNumber + 1, _options.UrlRetries);
                    if (args.Context.Properties.TryGetValue(Waiting, out var waiting))
                    {
                        waiting(FormattableString.Invariant($"{failure}; trying again in {args.RetryDelay.TotalSeconds:0.#} s ({args.AttemptNumber + 1} of {_options.UrlRetries})"));
                    }

                    return ValueTask.CompletedTask;
                },
            }).Build();
    }

    /// <summary>Follows redirects up to the limit and returns the response body; throws <see cref="VideoImportException"/> with the reason.</summary>
    public Task<UrlDownload> OpenAsync(Uri url, CancellationToken cancellationToken) => OpenAsync(url, range: null, unreachableIsPassing: false, waiting: null, cancellationToken);

    /// <param name="waiting">Told each time a passing failure is waited out, and how (for a job's progress).</param>
    public Task<UrlDownload> OpenAsync(Uri url, Action<string>? waiting, CancellationToken cancellationToken) => OpenAsync(url, range: null, unreachableIsPassing: false, waiting, cancellationToken);

    /// <summary>
    /// A part of an HLS download: the file, or the bytes <paramref name="range"/> of it when the playlist names a byte
    /// range (resumed as a whole body is; a server that answers with anything but exactly that range is refused by
    /// name, since the whole file for each of its segments would download it as many times over).
    /// </summary>
    /// <param name="next">A part after the first: a server out of reach is waited for as a dropped connection is, since the download reached it a moment ago.</param>
    public Task<UrlDownload> OpenPartAsync(Uri url, HlsByteRange? range, bool next, Action<string>? waiting, CancellationToken cancellationToken) =>
        OpenAsync(url, range, unreachableIsPassing: next, waiting, cancellationToken);

    private async Task<UrlDownload> OpenAsync(Uri url, HlsByteRange? range, bool unreachableIsPassing, Action<string>? waiting, CancellationToken cancellationToken)
    {
        var (response, final) = await RetryAsync(token => SendAsync(url, range?.Offset ?? 0, range?.Last, validator: null, unreachableIsPassing, token), waiting, cancellationToken);
        try
        {
            if (range is { } asked)
            {
                var answered = response.Content.Headers.ContentRange;
                if (response.StatusCode != HttpStatusCode.PartialContent || answered?.From != asked.Offset || answered.To != asked.Last)
                {
                    throw new VideoImportException(
                        $"'{Show(final)}' was refused: asked for bytes {asked.Offset}-{asked.Last} (a byte range the playlist names), it answered {(int)response.StatusCode} {answered?.ToString() ?? "with the whole file"}: the server does not serve byte ranges.");
                }
            }
            else if (response.Content.Headers.ContentLength is { } length && length > _options.UrlMaxBytes)
            {
                throw new VideoImportException(
                    $"'{Show(final)}' was refused: it is {ByteSize.Format(length)}, over the {ByteSize.Format(_options.UrlMaxBytes)} limit (setting {VideoImportOptions.Section}:UrlMaxBytes).");
            }

            return new UrlDownload(response, final, new ResumingBody(this, final, response, await response.Content.ReadAsStreamAsync(cancellationToken), _options.UrlStallTimeout, waiting, range));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Runs one step of a download, again after each passing failure; the last one's reason ends the import.</summary>
    internal async ValueTask<T> RetryAsync<T>(Func<CancellationToken, ValueTask<T>> attempt, Action<string>? waiting, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        if (waiting is not null)
        {
            context.Properties.Set(Waiting, waiting);
        }

        try
        {
            return await _retry.ExecuteAsync(static (context, attempt) => attempt(context.CancellationToken), context, attempt);
        }
        catch (PassingDownloadFailure e)
        {
            throw new VideoImportException(_options.UrlRetries == 0 ? e.Message : $"{e.Message.TrimEnd('.')} (gave up after {_options.UrlRetries + 1} tries).", e.InnerException);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// One GET of <paramref name="url"/> through its redirects, from byte <paramref name="from"/> on, to byte
    /// <paramref name="last"/> when given (a range request, only while <paramref name="validator"/> still names the same file). Returns a 2xx response; a failure that may
    /// pass throws <see cref="PassingDownloadFailure"/>, any other <see cref="VideoImportException"/>.
    /// </summary>
    internal async ValueTask<(HttpResponseMessage Response, Uri Url)> SendAsync(Uri url, long from, long? last, RangeConditionHeaderValue? validator, bool unreachableIsPassing, CancellationToken cancellationToken)
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
                if (from > 0 || last is not null)
                {
                    request.Headers.Range = new RangeHeaderValue(from, last);
                    request.Headers.IfRange = validator;
                }

                response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException e) when (e.InnerException is BlockedAddressException blocked)
            {
                throw new VideoImportException($"'{Show(url)}' was refused: {blocked.Message}", blocked);
            }
            catch (HttpRequestException e)
            {
                var message = $"'{Show(url)}' could not be fetched: {e.Message}";
                throw unreachableIsPassing ? new PassingDownloadFailure(message, retryAfter: null, e) : new VideoImportException(message, e);
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
                CheckBody(url, response);
                return (response, url);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
    }

    private static void CheckBody(Uri url, HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            var message = $"'{Show(url)}' answered {(int)response.StatusCode} {response.ReasonPhrase}.";
            throw PassingStatuses.Contains(response.StatusCode)
                ? new PassingDownloadFailure(message, RetryAfter(response.Headers.RetryAfter), inner: null)
                : new VideoImportException(message, new HttpRequestException(message, null, response.StatusCode));
        }

        if (response.Content.Headers.ContentEncoding.Any(e => !e.Equals("identity", StringComparison.OrdinalIgnoreCase)))
        {
            throw new VideoImportException($"'{Show(url)}' was refused: it sent compressed content ({string.Join(", ", response.Content.Headers.ContentEncoding)}) though it was asked not to.");
        }
    }

    /// <summary>A server's Retry-After, held to a minute: a server asking for an hour is not waited on by a job.</summary>
    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        var after = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return after is null ? null : TimeSpan.FromTicks(Math.Clamp(after.Value.Ticks, 0, TimeSpan.TicksPerMinute));
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
