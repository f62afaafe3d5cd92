using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Ingest;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Media;

namespace VodManager.Core.Detection;

/// <summary>
/// Gathers a stored stream's signals for detection: chat streamed row by row into per-second activity (never
/// materialised), events, transcript, and the source's per-second loudness from the media index (measured once per
/// VOD and cached there, or only read from the cache).
/// </summary>
public sealed class StreamSignalLoader(
    IDbContextFactory<VodDbContext> dbFactory,
    MediaIndexService mediaIndex,
    IOptions<DetectionOptions> options,
    ILogger<StreamSignalLoader> logger)
{
    /// <param name="measureAudio">Measure the source's loudness when it is not cached yet (detection); false only reads the cache.</param>
    /// <returns>Null when the stream is not in this account.</returns>
    public async Task<DetectionInput?> LoadAsync(int accountId, int streamId, bool measureAudio, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stream = await db.Streams.AsNoTracking().SingleOrDefaultAsync(s => s.Id == streamId && s.AccountId == accountId, cancellationToken);
        if (stream is null)
        {
            return null;
        }

        var source = await db.Vods.AsNoTracking().StoredSourcesOf(accountId, streamId)
            .FirstOrDefaultAsync(cancellationToken);
        var loudness = source is null ? null : await LoudnessAsync(source, measureAudio, progress, cancellationToken);

        progress?.Report(new JobProgress("reading chat", 60));
        ChatActivity? chat = null;
        if (stream.ChatImportedAt is not null)
        {
            chat = new ChatActivity(options.Value.Chat);
            var lines = db.ChatMessages.AsNoTracking()
                .Where(m => m.StreamId == streamId)
                .OrderBy(m => m.OffsetSeconds)
                .Select(m => new { m.OffsetSeconds, m.AuthorId, m.AuthorName, m.EmoteCount, m.Text })
                .AsAsyncEnumerable();
            await foreach (var line in lines.WithCancellation(cancellationToken))
            {
                chat.Add(line.OffsetSeconds, AuthorKeys.Of(line.AuthorId ?? line.AuthorName.ToLowerInvariant()), line.EmoteCount, ChatTextShape.Of(line.Text), ChatBots.Is(line.AuthorName));
            }
        }

        progress?.Report(new JobProgress("reading events and transcript", 75));
        var events = await db.StreamEvents.AsNoTracking().Where(e => e.StreamId == streamId).OrderBy(e => e.OffsetSeconds)
            .Select(e => new EventRecord(e.Type, e.OffsetSeconds, e.Magnitude, e.Detail)).ToListAsync(cancellationToken);
        var cues = await db.TranscriptSegments.AsNoTracking().Where(t => t.StreamId == streamId).OrderBy(t => t.StartSeconds)
            .Select(t => new TranscriptCue(t.StartSeconds, t.EndSeconds, t.Text)).ToListAsync(cancellationToken);
        return new DetectionInput(chat, events, cues, loudness, source?.DurationSeconds ?? stream.DurationSeconds);
    }

    private async Task<float[]?> LoudnessAsync(Vod source, bool measure, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        if (!measure || source.AudioCodec is null)
        {
            return (await mediaIndex.TryGetAsync(source.Id, cancellationToken))?.Loudness;
        }

        try
        {
            return (await mediaIndex.GetOrComputeAsync(source, ProgressScale.Part(progress, 1, 55), cancellationToken)).Loudness;
        }
        catch (FfmpegException e)
        {
            // Detection still has chat, events and transcript; the run says plainly that audio is missing.
            logger.LogWarning(e, "Audio of VOD {VodId} could not be measured; detecting without it", source.Id);
            progress?.Report(new JobProgress("audio unavailable", 55, $"detecting without audio: {e.Message}"));
            return null;
        }
    }
}
