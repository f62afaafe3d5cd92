using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data;

namespace VodManager.Core.Editing;

/// <summary>A chat line as the replay beside the player shows it.</summary>
public sealed record ChatReplayLine(long Id, double OffsetSeconds, string Author, string Text, int Bits);

/// <summary>
/// The chat beside the player, as the platform's own replay shows it: the lines sent up to the player's second. Read a
/// second at a time while the video plays, so each read takes only what is new (an indexed range of the stream's
/// current chat import), never the whole chat.
/// </summary>
public sealed class ChatReplay(IDbContextFactory<VodDbContext> dbFactory)
{
    /// <summary>
    /// The stream's chat lines sent after <paramref name="after"/> and up to <paramref name="upTo"/> seconds, oldest
    /// first; when there are more than <paramref name="max"/>, the latest of them. Empty when the stream is not in
    /// this account.
    /// </summary>
    public async Task<IReadOnlyList<ChatReplayLine>> ReadAsync(int accountId, int streamId, double after, double upTo, int max, CancellationToken cancellationToken)
    {
        if (max <= 0 || upTo <= after)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The current import by its id, not through the query filter's join: the index (stream, import, offset) then
        // seeks straight to the range, where the join would walk every line of the stream.
        if (await db.Streams.AsNoTracking().Where(s => s.Id == streamId && s.AccountId == accountId).Select(s => (long?)s.ChatImportId)
                .SingleOrDefaultAsync(cancellationToken) is not { } import)
        {
            return [];
        }

        var latest = await db.ChatMessages.AsNoTracking().IgnoreQueryFilters()
            .Where(m => m.StreamId == streamId && m.ImportId == import && m.OffsetSeconds > after && m.OffsetSeconds <= upTo)
            .OrderByDescending(m => m.OffsetSeconds).ThenByDescending(m => m.Id)
            .Take(max)
            .Select(m => new ChatReplayLine(m.Id, m.OffsetSeconds, m.AuthorName, m.Text, m.Bits))
            .ToListAsync(cancellationToken);
        latest.Reverse();
        return latest;
    }
}
