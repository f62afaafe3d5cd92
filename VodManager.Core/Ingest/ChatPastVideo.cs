using System.Globalization;
using Microsoft.EntityFrameworkCore;
using VodManager.Core.Cutting;
using VodManager.Core.Data;

namespace VodManager.Core.Ingest;

/// <summary>
/// Chat that goes on after the stream's video ends. Detection and clips stop where the video does, so an editor who
/// paired a long chat with a short video (a highlight export, the wrong file) would otherwise wonder why the chat's
/// best moments never show; the import that finds it says so, with how much and where the video ends.
/// </summary>
public static class ChatPastVideo
{
    /// <summary>The stream's chat lines (its current import) after a video of <paramref name="videoSeconds"/> ends, past the tolerance.</summary>
    public static Task<long> CountAsync(VodDbContext db, int streamId, double videoSeconds, IngestOptions options, CancellationToken cancellationToken)
    {
        var end = options.EndOf(videoSeconds);
        return db.ChatMessages.Where(ImportedRows.ChatVisible).LongCountAsync(m => m.StreamId == streamId && m.OffsetSeconds > end, cancellationToken);
    }

    /// <summary>"; 2,380 chat lines come after the video ends at 0:20.0: …", or "" when there are none.</summary>
    public static string Note(long lines, double videoSeconds) => lines <= 0 ? "" : string.Create(CultureInfo.InvariantCulture,
        $"; {lines:N0} chat line{(lines == 1 ? "" : "s")} come{(lines == 1 ? "s" : "")} after the video ends at {ClipBounds.Clock(videoSeconds)}: detection and clips leave them out (is it this stream's video?)");
}
