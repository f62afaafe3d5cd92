using Microsoft.Net.Http.Headers;
using VodManager.Core.Accounts;
using VodManager.Core.Storage;
using VodManager.Web.Accounts;

namespace VodManager.Web.Endpoints;

/// <summary>
/// Serves local-disk objects at signed, time-limited URLs with HTTP range support, for the editor's video player and
/// clip downloads (ffmpeg reads local disk by path). Each range is read from storage on demand, in bounded pieces.
/// A URL alone is not enough: the signed-in user must belong to the account the key lives in, checked on every range.
/// </summary>
public static class MediaEndpoints
{
    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods(MediaUrlSigner.RoutePrefix + "{**key}", [HttpMethods.Get, HttpMethods.Head], ServeAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task ServeAsync(HttpContext http, string key, MediaUrlSigner signer, IVodStorage storage, AccountMembers members)
    {
        var request = http.Request;
        var downloadName = request.Query[MediaUrlSigner.NameParameter] is { Count: 1 } name ? name.ToString() : null;
        if (!signer.Verify(key, request.Query["sig"], downloadName))
        {
            await PlainRefusal.WriteAsync(http, StatusCodes.Status403Forbidden, "This media link is invalid or has expired.");
            return;
        }

        // Another account's media does not exist for this user, even with a valid link.
        if (AccountSelection.UserId(http.User) is not { } userId || StorageKeys.AccountOf(key) is not { } accountId
            || await members.FindAsync(userId, accountId, http.RequestAborted) is null)
        {
            await PlainRefusal.WriteAsync(http, StatusCodes.Status404NotFound, "No such media.");
            return;
        }

        var size = await storage.GetSizeAsync(key, http.RequestAborted);
        if (size is not { } length)
        {
            await PlainRefusal.WriteAsync(http, StatusCodes.Status404NotFound, "No such media.");
            return;
        }

        var response = http.Response;
        response.Headers.AcceptRanges = "bytes";
        response.ContentType = ContentTypeOf(key);
        if (downloadName is not null)
        {
            response.Headers.ContentDisposition = DownloadDisposition.For(downloadName);
        }
        var (start, end) = (0L, length - 1);
        if (RangeHeaderValue.TryParse(request.Headers.Range.ToString(), out var range) && range.Ranges.Count == 1)
        {
            var r = range.Ranges.First();
            (start, end) = r.From is { } from ? (from, Math.Min(r.To ?? length - 1, length - 1)) : (Math.Max(0, length - (r.To ?? 0)), length - 1);
            if (start >= length || start > end)
            {
                response.Headers.ContentRange = $"bytes */{length}";
                await PlainRefusal.WriteAsync(http, StatusCodes.Status416RangeNotSatisfiable, "The requested range is outside the file.");
                return;
            }

            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = $"bytes {start}-{end}/{length}";
        }

        response.ContentLength = end - start + 1;
        if (HttpMethods.IsHead(request.Method))
        {
            return;
        }

        await using var body = await storage.OpenReadRangeAsync(key, start, end - start + 1, http.RequestAborted);
        try
        {
            await body.CopyToAsync(response.Body, 1 << 16, http.RequestAborted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The player or ffmpeg hung up mid-range: normal for seeking, nothing to report.
        }
    }

    private static string ContentTypeOf(string key) => Path.GetExtension(key).ToLowerInvariant() switch
    {
        ".mp4" or ".m4v" => "video/mp4",
        ".mkv" => "video/x-matroska",
        ".webm" => "video/webm",
        ".ts" => "video/mp2t",
        ".m4a" => "audio/mp4",
        ".wav" => "audio/wav",
        ".mp3" => "audio/mpeg",
        ".vtt" => "text/vtt",
        _ => "application/octet-stream",
    };
}
