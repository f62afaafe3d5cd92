using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Detection;
using VodManager.Core.Ingest;
using VodManager.Core.Media;

namespace VodManager.Core.Refinement;

/// <summary>
/// Builds the context a backend sees. Per run: the stream's signal curves, the source's loudness from the cached
/// media index (never measured here: that would read the whole source) and the stretches its platform muted. Per
/// highlight: the transcript, chat and events of its window, read from the database by offset.
/// </summary>
public sealed class RefinementWindowLoader(
    IDbContextFactory<VodDbContext> dbFactory,
    SignalCurveService curves,
    MediaIndexService indexes,
    IOptions<RefinementOptions> options)
{
    internal async Task<RefinementRun> PrepareAsync(LiveStream stream, RefinementSource? source, CancellationToken cancellationToken)
    {
        var streamCurves = await curves.GetAsync(stream.AccountId, stream.Id, cancellationToken);
        var loudness = source is null ? null : (await indexes.TryGetAsync(source.Vod.Id, cancellationToken))?.Loudness;
        var duration = source?.Vod.DurationSeconds ?? stream.DurationSeconds ?? streamCurves?.Seconds ?? 0;
        return new RefinementRun(stream.AccountId, stream.Id, streamCurves, loudness is { Length: > 0 } ? loudness : null, MutedSound.Parse(source?.Vod.MutedStretches), duration, source);
    }

    internal async Task<RefinementWindow> LoadAsync(RefinementRun run, Highlight highlight, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var start = Math.Max(0, highlight.DetectedStart - o.ContextSeconds);
        var end = highlight.DetectedEnd + o.ContextSeconds;
        if (run.Duration > 0)
        {
            end = Math.Min(end, run.Duration);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var transcript = await db.TranscriptSegments.AsNoTracking()
            .Where(t => t.StreamId == run.StreamId && t.EndSeconds > start && t.StartSeconds < end)
            .OrderBy(t => t.StartSeconds)
            .Select(t => new TranscriptCue(t.StartSeconds, t.EndSeconds, t.Text))
            .ToListAsync(cancellationToken);
        var chat = await db.ChatMessages.AsNoTracking()
            .Where(m => m.StreamId == run.StreamId && m.OffsetSeconds >= start && m.OffsetSeconds < end)
            .OrderBy(m => m.OffsetSeconds)
            .Select(m => new ChatLine(m.OffsetSeconds, m.AuthorName, m.Text))
            .ToListAsync(cancellationToken);
        var events = await db.StreamEvents.AsNoTracking()
            .Where(e => e.StreamId == run.StreamId && e.OffsetSeconds >= start && e.OffsetSeconds < end)
            .OrderBy(e => e.OffsetSeconds)
            .Select(e => new EventRecord(e.Type, e.OffsetSeconds, e.Magnitude, e.Detail))
            .ToListAsync(cancellationToken);

        var first = (int)Math.Floor(start);
        var last = (int)Math.Ceiling(end);
        return new RefinementWindow(
            start,
            end,
            run.Duration,
            transcript,
            Sample(chat, o.MaxChatLines),
            chat.Count,
            events,
            run.Curves?.Slice(first, last),
            run.Loudness is { } l && first < l.Length ? l[first..Math.Min(l.Length, last)] : null,
            run.Muted,
            new WindowMedia(run.Source, start, end, cancellationToken));
    }

    /// <summary>Every n-th line, so a burst is shown across its whole length rather than only its first seconds.</summary>
    private static List<ChatLine> Sample(List<ChatLine> lines, int max)
    {
        if (lines.Count <= max)
        {
            return lines;
        }

        return max == 0 ? [] : Enumerable.Range(0, max).Select(i => lines[(int)((long)i * lines.Count / max)]).ToList();
    }
}
