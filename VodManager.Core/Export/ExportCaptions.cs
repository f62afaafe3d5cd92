using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Export.Captions;

namespace VodManager.Core.Export;

/// <summary>
/// The caption sheets of one export: the transcript's words (and optionally the chat) of the clip's range of its
/// stream, on the clip's clock. When there is nothing to show it says why, so the export can say so.
/// </summary>
public sealed class ExportCaptions(IDbContextFactory<VodDbContext> dbFactory)
{
    /// <param name="clip">The clip; its recorded source range places it in the stream.</param>
    /// <param name="durationSeconds">The clip's real length (probed).</param>
    public async Task<CaptionScript> BuildAsync(Vod clip, double durationSeconds, CaptionLayout layout, bool chat, double chatSeconds, int chatLines, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        if (clip.StreamId is not { } streamId || clip.SourceStartSeconds is not { } start)
        {
            notes.Add("no captions: the clip's place in its stream is unknown (it was not cut here)");
            return new CaptionScript([], 0, 0, notes);
        }

        var end = start + durationSeconds;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var segments = await db.TranscriptSegments.AsNoTracking()
            .Where(s => s.StreamId == streamId && s.EndSeconds > start && s.StartSeconds < end)
            .OrderBy(s => s.StartSeconds).ToListAsync(cancellationToken);
        var glyphs = await GlyphCoverage.InstalledAsync(cancellationToken);
        var spoken = TranscriptCaptions.Build(segments, start, durationSeconds, layout.Spoken.MaxCharsPerLine, glyphs);
        if (spoken.Count == 0)
        {
            notes.Add(await db.TranscriptSegments.AnyAsync(s => s.StreamId == streamId, cancellationToken)
                ? "no captions: the transcript has no words in this clip's range"
                : "no captions: the stream has no transcript (import one to get captions)");
        }

        IReadOnlyList<CaptionCue> chatCues = [];
        if (chat)
        {
            var messages = await db.ChatMessages.AsNoTracking()
                .Where(m => m.StreamId == streamId && m.OffsetSeconds > start - chatSeconds && m.OffsetSeconds < end)
                .OrderBy(m => m.OffsetSeconds).ToListAsync(cancellationToken);
            chatCues = ChatCaptions.Build(messages, start, durationSeconds, chatSeconds, chatLines, layout.Chat.MaxCharsPerLine, glyphs);
            if (chatCues.Count == 0)
            {
                notes.Add("no chat overlay: no chat messages in this clip's range");
            }
        }

        var sheets = new List<CaptionSheet>();
        if (spoken.Count > 0)
        {
            sheets.Add(CaptionSheet.For(layout, layout.Spoken, TranscriptCaptions.MaxLines, spoken));
        }

        if (chatCues.Count > 0)
        {
            sheets.Add(CaptionSheet.For(layout, layout.Chat, chatLines, chatCues));
        }

        return new CaptionScript(sheets, spoken.Count, chatCues.Count, notes);
    }
}
