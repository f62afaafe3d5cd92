using System.IO.Compression;
using Microsoft.AspNetCore.Http.Features;
using VodManager.Core.Accounts;
using VodManager.Core.Library;
using VodManager.Core.Storage;
using VodManager.Core.Streams;
using VodManager.Web.Accounts;
using VodManager.Web.Components;

namespace VodManager.Web.Endpoints;

/// <summary>
/// One stream's clips (those a search matches, when given) in one ZIP download, named as each clip's own download is.
/// The archive is written straight from storage to the response, clip by clip, so nothing is staged on the server;
/// entries are stored, not compressed (video does not shrink).
/// </summary>
public static class ClipEndpoints
{
    public const string ZipPath = "/clips/zip";

    public static IEndpointRouteBuilder MapClipEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ZipPath, ZipAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>Where the clips page links for <paramref name="streamId"/>'s clips matching <paramref name="search"/>.</summary>
    public static string ZipUrl(int streamId, string? search) =>
        string.IsNullOrWhiteSpace(search) ? $"{ZipPath}?stream={streamId}" : $"{ZipPath}?stream={streamId}&q={Uri.EscapeDataString(search.Trim())}";

    private static async Task ZipAsync(HttpContext http, int stream, string? q, CurrentAccount account, StreamCatalog catalog, ClipLibrary library,
        IVodStorage storage, ILoggerFactory loggers)
    {
        var cancellationToken = http.RequestAborted;
        AccountAccess access;
        try
        {
            access = await account.RequireAsync(AccountRole.Viewer, cancellationToken);
        }
        catch (AccountAccessException e)
        {
            await PlainRefusal.WriteAsync(http, StatusCodes.Status403Forbidden, e.Message);
            return;
        }

        if (await catalog.GetAsync(access.AccountId, stream, cancellationToken) is not { } summary)
        {
            await PlainRefusal.WriteAsync(http, StatusCodes.Status404NotFound, $"Stream {stream} was not found.");
            return;
        }

        // Present ones first: a clip whose object is gone is left out before the first byte goes, rather than break the archive.
        var clips = new List<ClipEntry>();
        foreach (var clip in (await library.PageAsync(access.AccountId, new ClipQuery(q, stream), 0, ClipLibrary.MaxPageSize, cancellationToken)).Items)
        {
            if (await storage.ExistsAsync(clip.StorageKey, cancellationToken))
            {
                clips.Add(clip);
            }
            else
            {
                loggers.CreateLogger(typeof(ClipEndpoints)).LogWarning("Clip {VodId} ({Key}) is missing from storage: left out of stream {StreamId}'s ZIP", clip.VodId, clip.StorageKey, stream);
            }
        }

        if (clips.Count == 0)
        {
            await PlainRefusal.WriteAsync(http, StatusCodes.Status404NotFound,
                $"Stream '{summary.Title}' has no clips{(string.IsNullOrWhiteSpace(q) ? "" : $" matching \"{q.Trim()}\"")} to download.");
            return;
        }

        http.Response.ContentType = "application/zip";
        http.Response.Headers.ContentDisposition = DownloadDisposition.For(Format.FileName(summary.Title, " – clips.zip"));
        // ZipArchive writes each entry's data descriptor synchronously when the entry closes, even through its async API
        // (.NET 10): a few bytes per clip, allowed here rather than buffering the archive.
        http.Features.GetRequiredFeature<IHttpBodyControlFeature>().AllowSynchronousIO = true;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            await using var zip = await ZipArchive.CreateAsync(http.Response.Body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
            // In the stream's order: by highlight rank, a clip without one last.
            foreach (var clip in clips.OrderBy(c => c.HighlightRank ?? int.MaxValue).ThenBy(c => c.CreatedAt))
            {
                var entry = zip.CreateEntry(Unique(names, clip.Title, Path.GetExtension(clip.StorageKey)), CompressionLevel.NoCompression);
                entry.LastWriteTime = new DateTimeOffset(DateTime.SpecifyKind(clip.CreatedAt, DateTimeKind.Utc));
                await using var target = await entry.OpenAsync(cancellationToken);
                await using var source = await storage.OpenReadAsync(clip.StorageKey, cancellationToken);
                await source.CopyToAsync(target, 1 << 16, cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && cancellationToken.IsCancellationRequested)
        {
            // The browser stopped the download (closing the archive then fails to write too): nothing to report.
        }
    }

    /// <summary>The clip's download name, numbered when two clips share a title ("Title (2).mp4").</summary>
    private static string Unique(HashSet<string> names, string title, string extension)
    {
        var name = Format.FileName(title, extension);
        for (var n = 2; !names.Add(name); n++)
        {
            name = Format.FileName(title, $" ({n}){extension}");
        }

        return name;
    }
}
