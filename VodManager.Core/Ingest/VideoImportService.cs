using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VodManager.Core.Data;
using VodManager.Core.Data.Entities;
using VodManager.Core.Events;
using VodManager.Core.Ingest.Video;
using VodManager.Core.Jobs;
using VodManager.Core.Library;
using VodManager.Core.Media;
using VodManager.Core.Nodes;
using VodManager.Core.Quota;
using VodManager.Core.Storage;

namespace VodManager.Core.Ingest;

/// <summary>
/// Stores a stream's source video (or a platform highlight) from a server path, a URL or a finished upload. Every
/// path runs the same steps: reserve the size on the quota, stream the bytes once into storage while hashing them,
/// validate the stored file with ffprobe, skip it when the same bytes are already there, commit. Any failure releases
/// the reservation and removes what was written, so a refused file leaves no row, object or quota change behind.
/// </summary>
public sealed class VideoImportService(
    IDbContextFactory<VodDbContext> dbFactory,
    VideoValidator validator,
    ImportPathGuard pathGuard,
    UrlDownloader downloader,
    DownloadCheckpoints checkpoints,
    QuotaService quota,
    IVodStorage storage,
    DomainEvents events,
    IJobQueue jobs,
    IOptions<VideoImportOptions> options,
    IOptions<IngestOptions> ingestOptions,
    VodInputs inputs,
    ContainerRewrap rewrap,
    LocalNode node,
    ILogger<VideoImportService> logger)
{
    /// <summary>Containers stored as they come; any other (MPEG-TS, FLV, AVI, a name without a known one) is stored as MP4 (<see cref="ContainerRewrap"/>).</summary>
    private static readonly string[] StoredAsIs = [".mp4", ".m4v", ".mov", ".mkv", ".webm"];

    /// <summary>A path someone typed: only regular files under <c>Import:Roots</c> are read.</summary>
    /// <param name="attemptId">Stable across retries of the same request (the job id), so a recovered job reuses its reservation.</param>
    public async Task<ImportedVideo> ImportServerFileAsync(VideoImportTarget target, string path, string attemptId, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var file = pathGuard.Resolve(path);
        return await ImportFileAsync(target, file, attemptId, progress, cancellationToken);
    }

    /// <summary>A file the app made itself (the demo stream); anything a person named goes through <see cref="ImportServerFileAsync"/>.</summary>
    /// <remarks>Run by no job: its attempt names this node, so a start-up sweep releases it once this process is gone (<see cref="LocalAttempt"/>).</remarks>
    public async Task<Vod> ImportLocalFileAsync(int accountId, int streamId, string path, IProgress<JobProgress>? progress, CancellationToken cancellationToken) =>
        (await ImportFileAsync(new VideoImportTarget(accountId, streamId), new FileInfo(path), LocalAttempt(node.Id), progress, cancellationToken)).Vod;

    /// <summary>A new attempt id of an import no job runs, on the node <paramref name="nodeId"/> (<see cref="NodeOfLocalAttempt"/> reads it back).</summary>
    public static string LocalAttempt(string nodeId) => $"{LocalAttemptPrefix}{nodeId}-{Guid.NewGuid():N}";

    /// <summary>The node that runs an import no job runs (<see cref="LocalAttempt"/>), from its attempt id; null for any other attempt.</summary>
    public static string? NodeOfLocalAttempt(string attemptId) =>
        attemptId.StartsWith(LocalAttemptPrefix, StringComparison.Ordinal) ? attemptId[LocalAttemptPrefix.Length..].Split('-')[0] : null;

    /// <summary>
    /// Downloads an http(s) URL through <see cref="UrlDownloader"/>; the size limit holds while streaming, and so does the
    /// account's free space when the server gives no size. An HLS playlist's segments are fetched and stored joined
    /// (<see cref="HlsPlaylist"/>); a web page is refused before anything is stored. The download is stored in
    /// checkpoints (<see cref="DownloadCheckpoints"/>): the same attempt run again after a crash (a recovered job) goes
    /// on from the last one when the server still has the same file or playlist.
    /// </summary>
    public async Task<ImportedVideo> ImportUrlAsync(VideoImportTarget target, Uri url, string attemptId, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        VideoPages.Check(url);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.UrlTimeout);
        // A wait for a dropped connection shows on the bar where it stopped, so the job does not look hung.
        var shown = new LatestProgress(progress);
        Action<string> waiting = said => shown.Say("connecting", said);
        string? staged = null;
        try
        {
            var streamTitle = await EnsureStreamAsync(target, timeout.Token);
            shown.Report(new JobProgress("connecting", 1, url.Host));
            await using var download = await downloader.OpenAsync(url, waiting, timeout.Token);
            if (download.ContentType is "text/html" or "application/xhtml+xml")
            {
                throw new VideoImportException(
                    $"'{UrlDownloader.Show(url)}' is a web page, not a video: give the URL of the video file itself (an MP4, MKV or MPEG-TS file, or an HLS .m3u8 playlist).");
            }

            var (name, length) = (download.FileName, download.Length);
            var playlist = HlsPlaylist.IsPlaylist(download) ? await ReadPlaylistAsync(download, shown, timeout.Token) : null;
            if (playlist is not null)
            {
                // A playlist's name says nothing of the broadcast ("index-dvr" for every Twitch VOD): the video is the stream's.
                (name, length) = (Path.ChangeExtension(name, playlist.Fragmented ? ".mp4" : ".ts"), null);
                target = target with { Title = target.Title ?? (string.IsNullOrWhiteSpace(streamTitle) ? null : streamTitle) };
            }

            var (limit, limitReason) = await DownloadLimitAsync(target.AccountId, length, timeout.Token);
            if (playlist is { LeastBytes: { } least } && least > limit)
            {
                var rate = playlist.Variant!.AverageBitsPerSecond is { } average ? $"{average / 1e6:0.#} Mbit/s on average" : $"up to {playlist.Variant.PeakBitsPerSecond / 1e6:0.#} Mbit/s";
                throw new VideoImportException(string.Create(CultureInfo.InvariantCulture,
                    $"'{UrlDownloader.Show(url)}' was refused: its video is at least {ByteSize.Format(least)} ({rate} for {playlist.Length:c}), more than the {ByteSize.Format(limit)} it may take ({limitReason}); nothing was downloaded."));
            }

            var from = await checkpoints.FindAsync(target.AccountId, ExternalId(attemptId), timeout.Token);
            await using var write = await BeginAsync(target, attemptId, name, length ?? 0, timeout.Token, from?.StorageKey);
            if (write.AlreadyStored)
            {
                return new ImportedVideo(write.Vod, AlreadyImported: true);
            }

            staged = write.Vod.StorageKey;

            var hls = from?.Resume.Hls is { } read && read.Playlist == playlist?.Fingerprint() ? read : null;
            await using var joined = playlist is null ? null : new HlsSegmentStream(downloader, playlist, options.Value.HlsParallelSegments, waiting, hls);
            await using var rest = from is null || hls is not null ? null : await OpenRestAsync(download, from, waiting, timeout.Token);
            if (from is not null && hls is null && rest is null)
            {
                logger.LogInformation("{Url} is not the file or playlist stored in part before the restart (or its server serves no ranges); it is downloaded from the start", UrlDownloader.Show(url));
                await checkpoints.DiscardAsync(from, timeout.Token);
                from = null;
            }

            var offset = from?.Offset ?? 0;
            if (from is not null)
            {
                logger.LogInformation("{Url}: going on from the {Bytes} stored before the restart", UrlDownloader.Show(url), ByteSize.Format(offset));
                shown.Report(new JobProgress("connecting", 3, $"going on from the {ByteSize.Format(offset)} stored before the restart"));
            }

            using var hasher = new ContentHasher();
            var storing = new ByteProgress(shown, "storing", length, 5, 90, joined is null ? null : joined.Share);
            var reading = new HashingReadStream((Stream?)joined ?? rest ?? download.Content, hasher, limit - offset,
                _ => new VideoImportException($"'{name}' was refused: the download passed {ByteSize.Format(limit)} ({limitReason}); nothing was kept."),
                read => storing.Report(offset + read));
            var file = new DownloadResume(download.Validator, download.FileLength);
            var (bytes, hash) = await checkpoints.StoreAsync(write.Vod, from, reading, hasher, joined is null ? () => file : () => new DownloadResume(null, null, joined.State()), name, length, timeout.Token);
            return await FinishAsync(write, bytes, hash, name, joined?.Findings() ?? ReadFindings.None, shown, timeout.Token);
        }
        catch (Exception e)
        {
            // This attempt ends here for good, so neither its bytes nor a crashed attempt's before it will be taken up.
            await checkpoints.AbandonAsync(target.AccountId, ExternalId(attemptId), staged);
            if (e is OperationCanceledException && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new VideoImportException($"'{UrlDownloader.Show(url)}' took longer than {options.Value.UrlTimeout} (setting {VideoImportOptions.Section}:UrlTimeout); nothing was kept.");
            }

            throw;
        }
    }

    private async Task<HlsPlaylist> ReadPlaylistAsync(UrlDownload download, IProgress<JobProgress> progress, CancellationToken cancellationToken)
    {
        var playlist = await HlsPlaylist.ReadAsync(download, downloader, options.Value.HlsPreferH264, cancellationToken);
        progress.Report(new JobProgress("connecting", 2, $"HLS playlist: {playlist.Segments} segments, {playlist.Length:c}" + (playlist.Variant is { } variant ? $", {variant.Describe()}" : "")));
        logger.LogInformation("{Url} is an HLS playlist of {Segments} segments ({Duration:0} s); fetching {Parallel} at a time", UrlDownloader.Show(download.FinalUrl), playlist.Segments, playlist.DurationSeconds, options.Value.HlsParallelSegments);
        return playlist;
    }

    /// <summary>
    /// The rest of a file that a crashed attempt stored up to <paramref name="from"/>, asked for as a byte range, when
    /// <paramref name="download"/> (the file as the server has it now) is still the same file and the server answers
    /// the range with it; else null. An empty stream when every byte was stored.
    /// </summary>
    private async Task<Stream?> OpenRestAsync(UrlDownload download, DownloadProgress from, Action<string> waiting, CancellationToken cancellationToken)
    {
        if (from.Resume is not { Validator: { } validator, Length: { } length } || download.Validator != validator || download.FileLength != length)
        {
            return null;
        }

        if (from.Offset >= length)
        {
            return Stream.Null;
        }

        try
        {
            var rest = await downloader.OpenPartAsync(download.FinalUrl, new HlsByteRange(from.Offset, length - from.Offset), next: true, waiting, cancellationToken);
            if (rest.Validator == validator && rest.FileLength == length)
            {
                return rest.Content;
            }

            await rest.DisposeAsync();
        }
        catch (VideoImportException e)
        {
            logger.LogWarning("{Url} did not answer for the rest of the file from byte {Offset}: {Reason}", UrlDownloader.Show(download.FinalUrl), from.Offset, e.Message);
        }

        return null;
    }

    /// <summary>The stream's stored imported videos: its source(s) and the platform's highlights, newest first.</summary>
    public async Task<IReadOnlyList<ImportedVideoRow>> ListImportedAsync(int accountId, int streamId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Vods.AsNoTracking()
            .Where(v => v.AccountId == accountId && v.StreamId == streamId && v.Status == VodStatus.Stored
                && (v.Type == VodType.Archive || v.Provenance == VodProvenance.PlatformHighlight))
            .OrderByDescending(v => v.Id)
            .Select(v => new ImportedVideoRow(v.Id, v.Title, v.Type == VodType.Archive ? ImportedVideoKind.Archive : ImportedVideoKind.PlatformHighlight,
                v.DurationSeconds, v.SizeBytes, v.VideoCodec, v.AudioCodec,
                db.Vods.Where(c => c.SourceVodId == v.Id && c.Type == VodType.BrowserCopy && c.Status == VodStatus.Stored).Select(c => (long?)c.SizeBytes).FirstOrDefault()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Begins the write of an import of a known (or, with 0, unknown) size; the pending row is invisible until committed.</summary>
    /// <param name="storageKey">Where a crashed attempt of the same import staged bytes to go on from (kept); else a new key.</param>
    public async Task<VodWrite> BeginAsync(VideoImportTarget target, string attemptId, string fileName, long estimatedBytes, CancellationToken cancellationToken, string? storageKey = null)
    {
        await EnsureStreamAsync(target, cancellationToken);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        extension = StoredAsIs.Contains(extension) ? extension : ".mp4";
        var platform = target.Kind == ImportedVideoKind.PlatformHighlight;
        return await quota.BeginWriteAsync(new VodReservation(
            target.AccountId,
            target.StreamId,
            platform ? VodType.Highlight : VodType.Archive,
            platform ? VodProvenance.PlatformHighlight : null,
            ExternalId: ExternalId(attemptId),
            Title: target.Title ?? Path.GetFileNameWithoutExtension(fileName),
            StorageKey: storageKey ?? (platform ? StorageKeys.PlatformHighlight(target.AccountId, target.StreamId, extension) : StorageKeys.Archive(target.AccountId, target.StreamId, extension)),
            EstimatedBytes: estimatedBytes,
            TakesUpStaged: storageKey is not null), workFolder: null, cancellationToken);
    }

    /// <summary>What the external id of every video import's pending VOD starts with; the attempt id follows.</summary>
    public const string ExternalIdPrefix = "import-";

    /// <summary>Starts the attempt id of an import no job runs (<see cref="LocalAttempt"/>).</summary>
    private const string LocalAttemptPrefix = "local-";

    private static string ExternalId(string attemptId) => ExternalIdPrefix + attemptId;

    /// <summary>
    /// The bytes of <paramref name="write"/> are at its storage key: validate them, keep them unless the stream
    /// already has the same content, and commit. A refusal releases the write (reservation and stored bytes); any
    /// other failure (storage or database unreachable) leaves it to the caller, who may retry or release.
    /// </summary>
    /// <param name="read">What the read found besides the bytes: muted parts (kept with the video and told the editor), runs to join.</param>
    public async Task<ImportedVideo> FinishAsync(VodWrite write, long bytes, string contentHash, string name, ReadFindings read, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var pending = write.Vod;
        try
        {
            progress?.Report(new JobProgress("validating", 92));
            var input = await inputs.ResolveAsync(pending.StorageKey, cancellationToken);
            if (read.Runs.Count > 1)
            {
                bytes = await rewrap.JoinRunsAsync(pending.StorageKey, input, read.Runs, name, progress, cancellationToken);
            }

            var media = await validator.ValidateAsync(input, name, bytes, cancellationToken);
            if (await ClaimContentAsync(pending, contentHash, read, cancellationToken) is { } existing)
            {
                await write.ReleaseAsync();
                logger.LogInformation("{File} is already stored as VOD {VodId} of stream {StreamId}; the new copy was dropped", name, existing.Id, existing.StreamId);
                return new ImportedVideo(existing, AlreadyImported: true);
            }

            if (await rewrap.RewrapAsync(pending.StorageKey, input, media, bytes, name, progress, cancellationToken) is { } rewrapped)
            {
                (bytes, media) = rewrapped;
            }

            var stored = await write.CommitAsync(bytes, media, cancellationToken);
            var note = read.Note + read.Reconnects.Note() + read.Muted.Note() + (stored.Type == VodType.Archive ? await OnSourceStoredAsync(stored, media, cancellationToken) : "");

            await events.PublishAsync(new VodArchivedEvent(stored.Id, stored.AccountId, stored.StreamId, stored.Type, stored.Provenance, stored.Title), CancellationToken.None);

            progress?.Report(new JobProgress("stored", 100, ByteSize.Format(bytes) + note));
            logger.LogInformation("Imported {File} ({Bytes}) as {Type} VOD {VodId} of stream {StreamId}", name, ByteSize.Format(bytes), stored.Type, stored.Id, stored.StreamId);
            return new ImportedVideo(stored, AlreadyImported: false, note);
        }
        catch (Exception e) when (e is VideoImportException or QuotaExceededException)
        {
            await write.ReleaseAsync();
            throw;
        }
    }

    /// <summary>Checks a server path as an import of it would, storing nothing: the path rules, then the video itself.</summary>
    public async Task<MediaInfo> CheckServerFileAsync(string path, CancellationToken cancellationToken) =>
        await ValidateFileAsync(pathGuard.Resolve(path), cancellationToken);

    private async Task<ImportedVideo> ImportFileAsync(VideoImportTarget target, FileInfo file, string attemptId, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        // Probe where the file lies first: junk is refused before a byte is copied (and validated again once stored).
        progress?.Report(new JobProgress("validating", 1));
        await ValidateFileAsync(file, cancellationToken);
        await using var source = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return await StoreAsync(target, attemptId, file.Name, source, file.Length, file.Length,
            read => new VideoImportException($"'{file.Name}' was refused: it grew while being imported ({ByteSize.Format(read)}, was {ByteSize.Format(file.Length)})."),
            progress, cancellationToken);
    }

    private async Task<MediaInfo> ValidateFileAsync(FileInfo file, CancellationToken cancellationToken) =>
        file.Exists
            ? await validator.ValidateAsync(file.FullName, file.Name, file.Length, cancellationToken)
            : throw new VideoImportException($"'{file.FullName}' was refused: no such file.");

    private async Task<ImportedVideo> StoreAsync(
        VideoImportTarget target,
        string attemptId,
        string name,
        Stream source,
        long? length,
        long maxBytes,
        Func<long, Exception> overLimit,
        IProgress<JobProgress>? progress,
        CancellationToken cancellationToken)
    {
        await using var write = await BeginAsync(target, attemptId, name, length ?? 0, cancellationToken);
        if (write.AlreadyStored)
        {
            return new ImportedVideo(write.Vod, AlreadyImported: true);
        }

        using var hasher = new ContentHasher();
        var storing = new ByteProgress(progress, "storing", length, 5, 90);
        var reading = new HashingReadStream(source, hasher, maxBytes, overLimit, storing.Report);
        var written = await storage.PutAsync(write.Vod.StorageKey, reading, length, cancellationToken);
        return await FinishAsync(write, written, ContentHasher.Combine([hasher.CompleteBlocks()]), name, ReadFindings.None, progress, cancellationToken);
    }

    /// <summary>
    /// Records the content hash (and what the read found: muted parts, reconnects) on the pending row, unless a live VOD of the stream already has it
    /// (then returns that one). The unique index on (stream, hash) settles two imports of the same file racing each other.
    /// </summary>
    private async Task<Vod?> ClaimContentAsync(Vod pending, string contentHash, ReadFindings read, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Vods.AsNoTracking()
            .Where(v => v.StreamId == pending.StreamId && v.ContentHash == contentHash && v.Id != pending.Id)
            .OrderBy(v => v.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is { Status: VodStatus.Stored })
        {
            return existing;
        }

        try
        {
            await db.Vods.Where(v => v.Id == pending.Id).ExecuteUpdateAsync(s => s
                .SetProperty(v => v.ContentHash, contentHash)
                .SetProperty(v => v.MutedStretches, read.Muted.Store())
                .SetProperty(v => v.Reconnects, read.Reconnects.Store()), cancellationToken);
            return null;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            throw new VideoImportException($"The same file is being imported into stream {pending.StreamId} right now; this copy was dropped.", e);
        }
    }

    /// <returns>What the editor should know: chat of the stream that goes on after this video ends (<see cref="ChatPastVideo"/>), or "".</returns>
    private async Task<string> OnSourceStoredAsync(Vod stored, MediaInfo media, CancellationToken cancellationToken)
    {
        string note;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var streamId = stored.StreamId ?? throw new InvalidOperationException($"Source VOD {stored.Id} has no stream.");
            await db.Streams.Where(s => s.Id == streamId).ExecuteUpdateAsync(s => s.SetProperty(x => x.DurationSeconds, media.DurationSeconds), cancellationToken);
            note = ChatPastVideo.Note(await ChatPastVideo.CountAsync(db, streamId, media.DurationSeconds, ingestOptions.Value, cancellationToken), media.DurationSeconds);
        }

        try
        {
            await jobs.EnqueueAsync(new IndexMediaRequest { AccountId = stored.AccountId, StreamId = stored.StreamId, VodId = stored.Id, VideoTitle = stored.Title }, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The index is a cache that MediaIndexService also fills on first use; a stored source stays stored.
            logger.LogWarning(e, "Could not start indexing VOD {VodId}; it will be indexed on first use", stored.Id);
        }

        return note;
    }

    /// <returns>The stream's title.</returns>
    private async Task<string> EnsureStreamAsync(VideoImportTarget target, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Streams.Where(s => s.Id == target.StreamId && s.AccountId == target.AccountId).Select(s => s.Title).SingleOrDefaultAsync(cancellationToken)
            ?? throw new VideoImportException($"Stream {target.StreamId} was not found.");
    }

    /// <summary>The most a URL download may bring: the setting, and also the account's free space when the server gave no size.</summary>
    private async Task<(long Limit, string Reason)> DownloadLimitAsync(int accountId, long? announced, CancellationToken cancellationToken)
    {
        var setting = (options.Value.UrlMaxBytes, $"setting {VideoImportOptions.Section}:UrlMaxBytes");
        if (announced is not null)
        {
            // A known size was reserved before the download started; the stream may not bring more than it said.
            return (announced.Value, "the size the server announced");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == accountId, cancellationToken);
        return quota.ByteLimitOf(account) is { } quotaBytes && quotaBytes - account.UsedBytes < setting.UrlMaxBytes
            ? (Math.Max(0, quotaBytes - account.UsedBytes), $"the free space of account '{account.Name}'")
            : setting;
    }

}
