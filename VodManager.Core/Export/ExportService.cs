using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Export.Captions;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Media;
using VodManager.Core.Quota;
using VodManager.Core.Storage;

namespace VodManager.Core.Export;

/// <summary>
/// Renders a clip as a vertical video for short-video platforms and stores it as a VOD whose <see cref="Vod.SourceVodId"/>
/// is the clip. Like every VOD write it reserves quota first and commits or releases; the export's external id makes
/// a repeat (or a retry after a crash) find the stored export instead of making a second one, and a claim on it in the
/// database makes a concurrent one (this process or another on the same database) wait for the first and return its
/// VOD. The clip is pinned while it is read; temp files go in every case.
/// </summary>
public sealed class ExportService(
    IDbContextFactory<VodDbContext> dbFactory,
    QuotaService quota,
    VodInputs inputs,
    VodPins pins,
    MediaProbe probe,
    ExportCaptions captions,
    VerticalRenderer renderer,
    ExportClaims claims,
    WorkAreas work,
    IOptions<ExportOptions> options,
    ILogger<ExportService> logger)
{
    /// <summary>The profile of that name, or an <see cref="ExportException"/> naming it and the known ones.</summary>
    public ExportProfile Profile(string name) =>
        options.Value.Profiles.TryGetValue(name, out var profile)
            ? profile
            : throw new ExportException($"Unknown export profile '{name}'; the profiles are: {string.Join(", ", options.Value.Profiles.Keys.Order(StringComparer.Ordinal))} (Export:Profiles).");

    /// <summary>The clip to export: a stored clip of the account that has video; else an <see cref="ExportException"/> saying why not.</summary>
    public async Task<Vod> FindClipAsync(int accountId, int clipVodId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var clip = await db.Vods.AsNoTracking().SingleOrDefaultAsync(v => v.Id == clipVodId && v.AccountId == accountId && v.Status == VodStatus.Stored, cancellationToken)
            ?? throw new ExportException($"Clip {clipVodId} was not found.");
        if (clip.Type != VodType.Highlight)
        {
            throw new ExportException($"VOD {clipVodId} ('{clip.Title}') is {clip.Type switch { VodType.Export => "an export", VodType.BrowserCopy => "a source's browser copy", _ => "a full stream archive" }}, not a clip; cut a clip first and export that.");
        }

        return clip.VideoCodec is null && clip.DurationSeconds is not null ? throw NoVideo(clip) : clip;
    }

    /// <param name="holder">Who pins the clip while it is read ("export:{jobId}").</param>
    public async Task<ExportResult> ExportAsync(ExportSpec spec, string holder, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var profile = Profile(spec.Profile);
        var clip = await FindClipAsync(spec.AccountId, spec.ClipVodId, cancellationToken);
        progress?.Report(new JobProgress("checking", 1));
        return await claims.WhileHeldAsync(
            spec.AccountId, spec.ExternalId, $"the same export ({spec})", holder, progress,
            token => ReserveAndWriteAsync(spec, profile, clip, holder, progress, token),
            lease => new ExportException($"The export of {spec} lost its claim (its lease of {lease} lapsed) and another process took it over; nothing of this attempt was kept."),
            cancellationToken);
    }

    private async Task<ExportResult> ReserveAndWriteAsync(ExportSpec spec, ExportProfile profile, Vod clip, string holder, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            await using var write = await quota.BeginWriteAsync(new VodReservation(
                spec.AccountId,
                clip.StreamId,
                VodType.Export,
                Provenance: null,
                spec.ExternalId,
                Title: $"{clip.Title} – vertical ({spec.Profile}, {spec.Framing}{(spec.Chat ? ", chat" : "")})",
                StorageKeys.Export(spec.AccountId, spec.ExternalId),
                Estimate(profile, clip.DurationSeconds ?? 60),
                ProtectedVodIds: [clip.Id]), work.Exports.NewFolder($"c{clip.Id}"), cancellationToken);
            if (write.AlreadyStored)
            {
                var stored = write.Vod;
                progress?.Report(new JobProgress("done", 100, $"already exported as VOD {stored.Id}"));
                return new ExportResult(stored.Id, AlreadyExported: true, stored.ExportCaptions == true, 0, 0, []);
            }

            await using var pin = await pins.PinAsync([clip.Id], holder, cancellationToken);
            return await WriteAsync(spec, profile, clip, write, progress, cancellationToken);
        }
        catch (QuotaExceededException e)
        {
            throw new ExportException($"No room for this export: {e.Message}", e);
        }
    }

    private async Task<ExportResult> WriteAsync(ExportSpec spec, ExportProfile profile, Vod clip, VodWrite write, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var input = await inputs.ResolveAsync(clip.StorageKey, cancellationToken);
        var recorded = Recorded(clip);
        var media = recorded ?? await ProbeClipAsync(clip, input, cancellationToken);
        var layout = CaptionLayout.For(profile.Width, profile.Height, options.Value.Font);
        var script = await captions.BuildAsync(clip, media.DurationSeconds, layout, spec.Chat, options.Value.ChatMessageSeconds, options.Value.ChatMaxLines, cancellationToken);
        await RecordChainAsync(write.Vod.Id, clip, spec, captioned: script.SpokenCues > 0, cancellationToken);

        work.Exports.EnsureFree(Estimate(profile, media.DurationSeconds) * 2, $"the export of clip {clip.Id}");
        progress?.Report(new JobProgress("encoding", 5, spec.ToString()));
        RenderedExport output;
        try
        {
            output = await renderer.RenderAsync(input, media, profile, spec.Framing, script.Sheets, write.WorkFolder!, ProgressScale.Stage(progress, "encoding", 5, 90), cancellationToken);
        }
        catch (FfmpegException) when (recorded is not null)
        {
            await ProbeClipAsync(clip, input, cancellationToken); // says so plainly when the clip itself is what ffmpeg could not read
            throw;
        }

        progress?.Report(new JobProgress("storing", 92));
        var stored = await write.StoreAsync(output.Path, output.Bytes, output.Media, cancellationToken);
        var result = new ExportResult(stored.Id, AlreadyExported: false, script.SpokenCues > 0, script.SpokenCues, script.ChatCues, script.Notes);
        progress?.Report(new JobProgress("done", 100, result.Summary));
        logger.LogInformation("Exported {Spec} as VOD {VodId}, {Size}; {Captions} caption and {Chat} chat cues",
            spec, stored.Id, ByteSize.Format(output.Bytes), script.SpokenCues, script.ChatCues);
        return result;
    }

    /// <summary>
    /// What the cut recorded of the clip from ffprobe, so an export does not start ffprobe on it again (a process start,
    /// ~0.07 s CPU, about 1% of a draft export); null when the row lacks a figure the export needs.
    /// </summary>
    private static MediaInfo? Recorded(Vod clip) =>
        clip is { DurationSeconds: > 0 and var seconds, VideoCodec: { } video, Width: > 0 and var width, Height: > 0 and var height }
            ? new MediaInfo(seconds, FormatName: "", video, width, height, FrameRate: null, clip.AudioCodec, AudioSampleRate: null, BitRate: null)
            : null;

    private async Task<MediaInfo> ProbeClipAsync(Vod clip, string input, CancellationToken cancellationToken)
    {
        MediaInfo media;
        try
        {
            media = await probe.ProbeAsync(input, cancellationToken);
        }
        catch (FfmpegException e)
        {
            throw new ExportException($"The clip '{clip.Title}' (VOD {clip.Id}) is not readable media: {e.Message}", e);
        }

        return media is { HasVideo: true, Width: > 0, Height: > 0 } ? media : throw NoVideo(clip);
    }

    private async Task RecordChainAsync(int exportId, Vod clip, ExportSpec spec, bool captioned, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Vods.Where(v => v.Id == exportId).ExecuteUpdateAsync(s => s
            .SetProperty(v => v.SourceVodId, clip.Id)
            .SetProperty(v => v.SourceStartSeconds, clip.SourceStartSeconds)
            .SetProperty(v => v.SourceEndSeconds, clip.SourceEndSeconds)
            .SetProperty(v => v.ExportProfile, spec.Profile)
            .SetProperty(v => v.ExportFraming, spec.Framing.ToString())
            .SetProperty(v => v.ExportChat, spec.Chat)
            .SetProperty(v => v.ExportCaptions, captioned), cancellationToken);
    }

    /// <summary>Bytes to reserve: the profile's peak rate over the clip; commit charges the real size.</summary>
    private static long Estimate(ExportProfile profile, double seconds) =>
        (long)((profile.VideoBitrateKbps * 1.5 + profile.AudioBitrateKbps) * 1000 / 8 * Math.Max(1, seconds)) + 64 * 1024;

    private static ExportException NoVideo(Vod clip) =>
        new($"The clip '{clip.Title}' (VOD {clip.Id}) has no video stream; only a video can be exported vertically.");
}
