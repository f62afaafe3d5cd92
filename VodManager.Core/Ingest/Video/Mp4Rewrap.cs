using VodManager.Core.Cutting;
using VodManager.Core.Jobs;
using VodManager.Core.Media;
using VodManager.Core.Storage;

namespace VodManager.Core.Ingest.Video;

/// <summary>
/// Rewrites a stored video's streams into MP4, unchanged (no re-encode), under its own key. Twitch VODs saved by
/// streamlink are MPEG-TS, OBS may record FLV: no browser plays those, and ffmpeg's seek in MPEG-TS can land a keyframe
/// past the asked second, so every cut of such a source started up to a keyframe interval late (a clip of 0:29 began
/// at 0:30). In MP4 the timestamps also start from zero, as the chat's offsets do.
/// </summary>
public sealed class Mp4Rewrap(FfmpegRunner ffmpeg, MediaProbe probe, IVodStorage storage, WorkAreas work)
{
    /// <summary>
    /// When <paramref name="key"/> is an MP4's but <paramref name="media"/> is another container, rewrites the object
    /// at the key as MP4 and returns its new size and what ffprobe says of it; otherwise returns null.
    /// </summary>
    /// <param name="input">The key's read path or URL.</param>
    /// <param name="name">The file's name as the person knows it, for messages.</param>
    public async Task<(long Bytes, MediaInfo Media)?> RewrapAsync(
        string key, string input, MediaInfo media, long bytes, string name, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        if (!key.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase) || media.FormatName.Split(',').Contains("mp4"))
        {
            return null;
        }

        var area = work.Rewraps;
        try
        {
            area.EnsureFree(bytes, $"rewrapping '{name}' as MP4");
        }
        catch (InsufficientDiskSpaceException e)
        {
            throw new VideoImportException($"'{name}' was refused: {e.Message} Nothing was kept.", e);
        }

        Directory.CreateDirectory(area.Folder);
        var output = Path.Combine(area.Folder, $"{Guid.NewGuid():N}.mp4");
        try
        {
            progress?.Report(new JobProgress("rewrapping", 93, $"{media.FormatName} as MP4, for playback and exact cuts"));
            await ffmpeg.RunAsync(FfmpegArguments.Rewrap(input, output), output, TimeSpan.FromSeconds(media.DurationSeconds),
                ProgressScale.Stage(progress, "rewrapping", 93, 99), cancellationToken);
            var rewrapped = await probe.ProbeAsync(output, cancellationToken);
            var length = new FileInfo(output).Length;
            await storage.PutFileAsync(key, output, length, cancellationToken);
            return (length, rewrapped);
        }
        catch (FfmpegException e)
        {
            throw new VideoImportException(
                $"'{name}' was refused: its {media.FormatName} container could not be rewrapped as MP4 for playback and exact cuts ({VideoValidator.Reason(e.Message)}); nothing was kept.", e);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
