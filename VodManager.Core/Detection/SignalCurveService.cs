using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using VodManager.Core.Data;

namespace VodManager.Core.Detection;

/// <summary>
/// The per-second signal curves of a stored stream, for the editor's minimap and for refinement backends. Built from
/// the stored chat, events, transcript and the cached loudness (never measured here), and kept in memory until the
/// stream's data or its channel's model changes, so opening the editor twice reads the chat once. The chat curve comes
/// from the model that detects the stream's channel (its tuned one when there is one), so the minimap shows what
/// detection saw.
/// </summary>
public sealed class SignalCurveService(IDbContextFactory<VodDbContext> dbFactory, StreamSignalLoader loader, HighlightScorer scorer, ChannelLearning learning)
{
    private readonly ConcurrentDictionary<int, (string Stamp, SignalCurves Curves)> _cache = new();

    /// <returns>Null when the stream is not in this account.</returns>
    public async Task<SignalCurves?> GetAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        var tuned = await learning.ModelForAsync(accountId, streamId, cancellationToken);
        var stamp = await StampAsync(accountId, streamId, cancellationToken) is { } data ? $"{data}|{tuned?.TrainedAt:O}" : null;
        if (stamp is null)
        {
            return null;
        }

        if (_cache.TryGetValue(streamId, out var cached) && cached.Stamp == stamp)
        {
            return cached.Curves;
        }

        var input = await loader.LoadAsync(accountId, streamId, measureAudio: false, progress: null, cancellationToken);
        if (input is null)
        {
            return null;
        }

        var curves = scorer.Curves(input, tuned is null ? null : ChatModel.Parse(tuned.ModelJson!));
        _cache[streamId] = (stamp, curves);
        return curves;
    }

    /// <summary>What the curves depend on: each import's time and whether the source's audio has been measured.</summary>
    private async Task<string?> StampAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stream = await db.Streams.AsNoTracking()
            .Where(s => s.Id == streamId && s.AccountId == accountId)
            .Select(s => new
            {
                s.ChatImportedAt,
                s.EventsImportedAt,
                s.TranscriptImportedAt,
                s.DurationSeconds,
                Indexed = db.VodMediaIndexes.Where(i => s.Vods.Select(v => v.Id).Contains(i.VodId)).Select(i => (int?)i.VodId).Max(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return stream is null ? null : $"{stream.ChatImportedAt:O}|{stream.EventsImportedAt:O}|{stream.TranscriptImportedAt:O}|{stream.DurationSeconds}|{stream.Indexed}";
    }
}
