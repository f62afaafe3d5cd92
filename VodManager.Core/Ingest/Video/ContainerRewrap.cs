using System.Globalization;
using VodManager.Core.Cutting;
using VodManager.Core.Jobs;
using VodManager.Core.Media;
using VodManager.Core.Storage;

namespace VodManager.Core.Ingest.Video;

/// <summary>
/// Rewrites a stored video's streams into a new container, unchanged (no re-encode), under its own key. Twitch VODs
/// saved by streamlink are MPEG-TS, OBS may record FLV: no browser plays those, and ffmpeg's seek in MPEG-TS can land a
/// keyframe past the asked second, so every cut of such a source started up to a keyframe interval late (a clip of 0:29
/// began at 0:30); they become MP4, whose timestamps also start from zero, as the chat's offsets do. A recording OBS
/// never finished (a crash, a power cut: an MKV without its duration and index) is rewritten in its own container, which
/// then has both, so it plays, seeks and cuts like any other. So is an MP4 or Matroska file whose first frame comes late
/// (remuxed from a longer recording with its timestamps kept): the browser counts from zero and ffmpeg's seek from the
/// first frame, so its clips would miss what the editor marked by that much; rewritten, it starts at zero.
/// </summary>
public sealed class ContainerRewrap(FfmpegRunner ffmpeg, MediaProbe probe, IVodStorage storage, WorkAreas work)
{
    /// <summary>A first frame this late is rewritten from zero; earlier ones are an audio encoder's priming, not a gap.</summary>
    internal const double LateStartSeconds = 0.5;

    /// <summary>
    /// When <paramref name="key"/> is an MP4's but <paramref name="media"/> is another container, the recording was
    /// never finished, or its first frame comes late, rewrites the object at the key in the key's container and returns its new size and what ffprobe
    /// says of it; otherwise returns null.
    /// </summary>
    /// <param name="input">The key's read path or URL.</param>
    /// <param name="name">The file's name as the person knows it, for messages.</param>
    public async Task<(long Bytes, MediaInfo Media)?> RewrapAsync(
        string key, string input, MediaInfo media, long bytes, string name, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var toMp4 = key.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase) && !media.IsFormat("mp4");
        var late = media.StartSeconds > LateStartSeconds;
        if (!toMp4 && !media.Unfinished && !late)
        {
            return null;
        }

        var container = toMp4 ? "MP4" : Path.GetExtension(key).TrimStart('.').ToUpperInvariant();
        var area = work.Rewraps;
        try
        {
            area.EnsureFree(bytes, $"rewrapping '{name}' as {container}");
        }
        catch (InsufficientDiskSpaceException e)
        {
            throw new VideoImportException($"'{name}' was refused: {e.Message} Nothing was kept.", e);
        }

        Directory.CreateDirectory(area.Folder);
        // The muxer follows the file name: the key's own extension.
        var output = Path.Combine(area.Folder, $"{Guid.NewGuid():N}{Path.GetExtension(key).ToLowerInvariant()}");
        try
        {
            progress?.Report(new JobProgress("rewrapping", 93,
                toMp4 ? $"{media.FormatName} as MP4, for playback and exact cuts"
                : media.Unfinished ? "an unfinished recording (no duration or index), rewritten so it plays and seeks"
                : string.Create(CultureInfo.InvariantCulture, $"its first frame is at {media.StartSeconds:0.#} s: rewritten from zero, where the player and the chat count from")));
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
                $"'{name}' was refused: its {media.FormatName} container could not be rewrapped as {container} for playback and exact cuts ({VideoValidator.Reason(e.Message)}); nothing was kept.", e);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
