using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using VodManager.Core.Accounts;
using VodManager.Core.Ingest;
using VodManager.Core.Ingest.Uploads;
using VodManager.Web.Accounts;

namespace VodManager.Web.Endpoints;

/// <summary>
/// The resumable upload protocol the import panel speaks (tus-like): POST announces a file and reserves its size,
/// PATCH sends one chunk at the offset the server expects (Upload-Offset), GET says where to continue after a
/// dropped connection or a reload, DELETE cancels; POST .../match finds a file's unfinished upload for a browser with
/// no note of it (another computer). Chunk bodies stream straight to storage.
/// </summary>
public static class UploadEndpoints
{
    public const string ChunkContentType = "application/offset+octet-stream";
    public const string OffsetHeader = "Upload-Offset";

    public static IEndpointRouteBuilder MapUploadEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").ExcludeFromDescription();
        api.MapPost("/streams/{streamId:int}/uploads", StartAsync);
        api.MapPost("/streams/{streamId:int}/uploads/match", MatchAsync);
        api.MapGet("/uploads/{id:guid}", GetAsync);
        api.MapMethods("/uploads/{id:guid}", [HttpMethods.Patch], AppendAsync);
        api.MapDelete("/uploads/{id:guid}", CancelAsync);
        return app;
    }

    /// <summary>What the browser announces; JSON only, so another site cannot post it without a CORS preflight.</summary>
    public sealed record StartBody(string FileName, long Length, bool PlatformHighlight = false, string? Title = null);

    /// <summary>A file the browser has no upload noted for: its name, length and the SHA-256 (hex) of some 1 MiB blocks, by block number.</summary>
    public sealed record MatchBody(string FileName, long Length, Dictionary<int, string> Blocks);

    /// <summary>An upload as JSON.</summary>
    public sealed record UploadDto(Guid Id, int StreamId, string FileName, long Length, long Offset, int ChunkBytes, string Status, int? VodId, bool AlreadyImported, string Note)
    {
        public static UploadDto Of(UploadState s) =>
            new(s.Id, s.StreamId, s.FileName, s.Length, s.Offset, s.ChunkBytes, s.Status == VideoUploadStatus.Completed ? "completed" : "uploading", s.VodId, s.AlreadyImported, s.Note);
    }

    private static Task<IResult> StartAsync(int streamId, StartBody body, CurrentAccount account, VideoUploadService uploads, HttpContext http) =>
        RefusalsAsync(http, async () =>
        {
            var kind = body.PlatformHighlight ? ImportedVideoKind.PlatformHighlight : ImportedVideoKind.Archive;
            var state = await uploads.StartAsync(await EditorAccountAsync(account, http), streamId, new UploadRequest(body.FileName ?? "", body.Length, kind, body.Title), http.RequestAborted);
            return Results.Created($"/api/uploads/{state.Id}", UploadDto.Of(state));
        });

    private static Task<IResult> MatchAsync(int streamId, MatchBody body, CurrentAccount account, VideoUploadService uploads, HttpContext http) =>
        RefusalsAsync(http, async () =>
        {
            var blocks = new Dictionary<int, byte[]>();
            foreach (var (index, hex) in body.Blocks ?? [])
            {
                var hash = new byte[32];
                if (hex is null || Convert.FromHexString(hex, hash, out _, out var written) != OperationStatus.Done || written != hash.Length)
                {
                    return Problem(StatusCodes.Status400BadRequest, $"Block {index}'s hash must be 64 hex digits (SHA-256).");
                }

                blocks[index] = hash;
            }

            var match = await uploads.MatchUnfinishedAsync(await EditorAccountAsync(account, http), streamId, body.FileName ?? "", body.Length, blocks, http.RequestAborted);
            return match is null ? Results.NoContent() : Ok(http, match);
        });

    private static Task<IResult> GetAsync(Guid id, CurrentAccount account, VideoUploadService uploads, HttpContext http) =>
        RefusalsAsync(http, async () => Ok(http, await uploads.GetAsync(await account.GetIdAsync(http.RequestAborted), id, http.RequestAborted)));

    private static Task<IResult> AppendAsync(Guid id, CurrentAccount account, VideoUploadService uploads, HttpContext http) =>
        RefusalsAsync(http, async () =>
        {
            var request = http.Request;
            if (!string.Equals(request.ContentType, ChunkContentType, StringComparison.OrdinalIgnoreCase))
            {
                return Problem(StatusCodes.Status415UnsupportedMediaType, $"A piece of an upload is sent as {ChunkContentType}.");
            }

            if (!long.TryParse(request.Headers[OffsetHeader], out var offset) || offset < 0)
            {
                return Problem(StatusCodes.Status400BadRequest, $"The {OffsetHeader} header must give the byte the piece starts at.");
            }

            var accountId = await EditorAccountAsync(account, http);
            var current = await uploads.GetAsync(accountId, id, http.RequestAborted);
            // A chunk is small by design; nothing bigger is read, whatever the client claims.
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = current.ChunkBytes;
            }

            return Ok(http, await uploads.AppendAsync(accountId, id, offset, request.Body, request.ContentLength, http.RequestAborted));
        });

    private static Task<IResult> CancelAsync(Guid id, CurrentAccount account, VideoUploadService uploads, HttpContext http) =>
        RefusalsAsync(http, async () =>
        {
            await uploads.CancelAsync(await EditorAccountAsync(account, http), id, http.RequestAborted);
            return Results.NoContent();
        });

    // Reading an upload's state is enough for a viewer; changing one needs an editor, checked on every chunk.
    private static async Task<int> EditorAccountAsync(CurrentAccount account, HttpContext http) =>
        (await account.RequireAsync(AccountRole.Editor, http.RequestAborted)).AccountId;

    private static IResult Ok(HttpContext http, UploadState state)
    {
        http.Response.Headers[OffsetHeader] = state.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Ok(UploadDto.Of(state));
    }

    private static async Task<IResult> RefusalsAsync(HttpContext http, Func<Task<IResult>> handle)
    {
        try
        {
            return await handle();
        }
        catch (AccountAccessException e)
        {
            return Problem(StatusCodes.Status403Forbidden, e.Message);
        }
        catch (UploadException e)
        {
            if (e.CurrentOffset is { } offset)
            {
                http.Response.Headers[OffsetHeader] = offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Problem(StatusOf(e.Error), e.Message, e.CurrentOffset);
        }
    }

    private static int StatusOf(UploadError error) => error switch
    {
        UploadError.NotFound => StatusCodes.Status404NotFound,
        UploadError.TooLarge => StatusCodes.Status413PayloadTooLarge,
        UploadError.QuotaExceeded or UploadError.NoDiskSpace => StatusCodes.Status507InsufficientStorage,
        UploadError.OffsetMismatch => StatusCodes.Status409Conflict,
        UploadError.Busy => StatusCodes.Status423Locked,
        UploadError.Lost => StatusCodes.Status410Gone,
        UploadError.Refused => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status400BadRequest,
    };

    // A body keeps the status-code pages middleware from turning an API error into an HTML page.
    private static IResult Problem(int status, string message, long? offset = null) =>
        Results.Json(new { error = message, offset }, statusCode: status);
}
