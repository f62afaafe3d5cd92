using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Media;
using VodManager.Core.Quota;
using VodManager.Core.Storage;

namespace VodManager.Core.Export;

/// <summary>
/// Makes a stream's source playable in any browser: a small H.264 copy (<see cref="BrowserCopyOptions"/>) stored as
/// a VOD of its own whose <see cref="Vod.SourceVodId"/> is the source, charged to the quota like every VOD, made once
/// per source (its external id; a claim keeps two processes from making it at once), deleted with its source or its
/// stream. Only the editor's player uses it; cuts and exports read the source.
/// </summary>
public sealed class BrowserCopyService(
    IDbContextFactory<VodDbContext> dbFactory,
    QuotaService quota,
    VodInputs inputs,
    VodPins pins,
    MediaProbe probe,
    FfmpegRunner ffmpeg,
    ExportClaims claims,
    WorkAreas work,
    IOptions<ExportOptions> options,
    ILogger<BrowserCopyService> logger)
{
    /// <summary>The stream's source (its newest stored video) to copy; else a <see cref="BrowserCopyException"/> saying why not.</summary>
    public async Task<Vod> FindSourceAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var source = await db.Vods.AsNoTracking().StoredSourcesOf(accountId, streamId).FirstOrDefaultAsync(cancellationToken)
            ?? throw new BrowserCopyException($"Stream {streamId} has no source video to make a browser copy of; import one first.");
        return source.VideoCodec is null && source.DurationSeconds is not null
            ? throw new BrowserCopyException($"The source '{source.Title}' (VOD {source.Id}) has no picture; its sound plays in every browser as it is.")
            : source;
    }

    /// <param name="holder">Who pins the source while it is read ("browser-copy:{jobId}").</param>
    public async Task<BrowserCopyResult> MakeAsync(int accountId, int streamId, string holder, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var source = await FindSourceAsync(accountId, streamId, cancellationToken);
        progress?.Report(new JobProgress("checking", 1));
        var externalId = ExternalId(source.Id);
        return await claims.WhileHeldAsync(
            accountId, externalId, $"the browser copy of '{source.Title}'", holder, progress,
            token => ReserveAndWriteAsync(source, externalId, holder, progress, token),
            lease => new BrowserCopyException($"The browser copy of '{source.Title}' lost its claim (its lease of {lease} lapsed) and another process took it over; nothing of this attempt was kept."),
            cancellationToken);
    }

    /// <summary>The external id of a source's copy: one per source, so a repeat finds it.</summary>
    public static string ExternalId(int sourceVodId) => $"browser-copy-{sourceVodId}";

    private async Task<BrowserCopyResult> ReserveAndWriteAsync(Vod source, string externalId, string holder, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var copy = options.Value.BrowserCopy;
        try
        {
            await using var write = await quota.BeginWriteAsync(new VodReservation(
                source.AccountId,
                source.StreamId,
                VodType.BrowserCopy,
                Provenance: null,
                externalId,
                Title: $"{source.Title} – browser copy",
                StorageKeys.BrowserCopy(source.AccountId, externalId),
                copy.EstimateBytes(source.DurationSeconds ?? 3600),
                ProtectedVodIds: [source.Id]), work.Exports.NewFolder($"s{source.Id}"), cancellationToken);
            BrowserCopyResult result;
            if (write.AlreadyStored)
            {
                result = new BrowserCopyResult(write.Vod.Id, AlreadyMade: true, write.Vod.SizeBytes, write.Vod.Width, write.Vod.Height);
            }
            else
            {
                await using var pin = await pins.PinAsync([source.Id], holder, cancellationToken);
                result = await WriteAsync(source, copy, write, progress, cancellationToken);
            }

            progress?.Report(new JobProgress("done", 100, result.Summary));
            return result;
        }
        catch (QuotaExceededException e)
        {
            throw new BrowserCopyException($"No room for a browser copy of '{source.Title}': {e.Message}", e);
        }
    }

    private async Task<BrowserCopyResult> WriteAsync(Vod source, BrowserCopyOptions copy, VodWrite write, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var input = await inputs.ResolveAsync(source.StorageKey, cancellationToken);
        MediaInfo read;
        try
        {
            read = await probe.ProbeAsync(input, cancellationToken);
        }
        catch (FfmpegException e)
        {
            throw Unreadable(source, e);
        }

        await RecordSourceAsync(write.Vod.Id, source, cancellationToken);
        var seconds = source.DurationSeconds ?? 0;
        work.Exports.EnsureFree(copy.EstimateBytes(seconds), $"the browser copy of '{source.Title}'");
        progress?.Report(new JobProgress("encoding", 2, copy.ToString()));
        var output = Path.Combine(write.WorkFolder!, "browser-copy.mp4");
        try
        {
            await ffmpeg.RunAsync(FfmpegArguments.BrowserCopy(input, copy, read.FrameRate, output), output, seconds > 0 ? TimeSpan.FromSeconds(seconds) : null,
                ProgressScale.Stage(progress, "encoding", 2, 95), cancellationToken);
        }
        catch (FfmpegException e)
        {
            throw Unreadable(source, e);
        }

        var media = await probe.ProbeAsync(output, cancellationToken);
        var bytes = new FileInfo(output).Length;
        if (bytes < options.Value.MinOutputBytes || media.VideoCodec != "h264" || media.Height is not > 0 || media.Height > Math.Max(copy.Height, source.Height ?? 0)
            || (seconds > 0 && Math.Abs(media.DurationSeconds - seconds) > Math.Max(2, seconds * 0.01)))
        {
            throw new BrowserCopyException(
                $"The browser copy of '{source.Title}' came out as {media.VideoCodec ?? "no video"} {media.Width}x{media.Height}, {media.DurationSeconds:0.##} s, " +
                $"{ByteSize.Format(bytes)} for a source of {seconds:0.##} s; nothing was stored.");
        }

        progress?.Report(new JobProgress("storing", 96));
        var stored = await write.StoreAsync(output, bytes, media, cancellationToken);
        logger.LogInformation("Made a browser copy of VOD {SourceId} as VOD {VodId}: {Width}x{Height}, {Size}", source.Id, stored.Id, media.Width, media.Height, ByteSize.Format(bytes));
        return new BrowserCopyResult(stored.Id, AlreadyMade: false, bytes, media.Width, media.Height);
    }

    private static BrowserCopyException Unreadable(Vod source, FfmpegException e) =>
        new($"The source '{source.Title}' (VOD {source.Id}) could not be copied for browsers: {e.Message}", e);

    private async Task RecordSourceAsync(int copyId, Vod source, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Vods.Where(v => v.Id == copyId).ExecuteUpdateAsync(s => s.SetProperty(v => v.SourceVodId, source.Id), cancellationToken);
    }
}
