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
        progress?.Report(new JobProgress("rewrapping", 93,
            toMp4 ? $"{media.FormatName} as MP4, for playback and exact cuts"
            : media.Unfinished ? "an unfinished recording (no duration or index), rewritten so it plays and seeks"
            : string.Create(CultureInfo.InvariantCulture, $"its first frame is at {media.StartSeconds:0.#} s: rewritten from zero, where the player and the chat count from")));
        MediaInfo? rewrapped = null;
        var length = await ReplaceAsync(key, bytes, name, $"rewrapping '{name}' as {container}",
            async output =>
            {
                await ffmpeg.RunAsync(FfmpegArguments.Rewrap(input, output), output, TimeSpan.FromSeconds(media.DurationSeconds),
                    ProgressScale.Stage(progress, "rewrapping", 93, 99), cancellationToken);
                rewrapped = await probe.ProbeAsync(output, cancellationToken);
            },
            e => $"'{name}' was refused: its {media.FormatName} container could not be rewrapped as {container} for playback and exact cuts ({VideoValidator.Reason(e.Message)}); nothing was kept.",
            cancellationToken);
        return (length, rewrapped!);
    }

    /// <summary>
    /// Rewrites the object at <paramref name="key"/>, a recording joined from <paramref name="runs"/> whose timestamps
    /// restart at each (an HLS playlist's discontinuities), as one MP4 in which each run follows the last on the
    /// playlist's timeline, the one the platform's player and its chat count by: joined as they were, the restarted
    /// timestamps made the player jump back, or a short gap's jump forward left the rest that late against the chat.
    /// Returns the new size.
    /// </summary>
    public async Task<long> JoinRunsAsync(string key, string input, IReadOnlyList<JoinedRun> runs, string name, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        var seconds = runs.Sum(r => r.Seconds);
        progress?.Report(new JobProgress("joining", 92, $"its timestamps restart {runs.Count - 1} {(runs.Count == 2 ? "time" : "times")} (the broadcast's connection dropped): its {runs.Count} parts joined on the playlist's timeline"));
        var list = Path.Combine(work.Rewraps.Folder, $"{Guid.NewGuid():N}.ffconcat");
        try
        {
            return await ReplaceAsync(key, runs.Sum(r => r.Length), name, $"joining the {runs.Count} parts of '{name}'",
                async output =>
                {
                    await File.WriteAllTextAsync(list, FfmpegArguments.RunList(input, runs.Select(r => (r.Offset, r.Length, r.Seconds))), cancellationToken);
                    await ffmpeg.RunAsync(FfmpegArguments.JoinRuns(list, input, output), output, TimeSpan.FromSeconds(seconds), ProgressScale.Stage(progress, "joining", 92, 93), cancellationToken);
                },
                e => $"'{name}' was refused: its {runs.Count} parts, where its timestamps restart, could not be joined into one video ({VideoValidator.Reason(e.Message)}); nothing was kept.",
                cancellationToken);
        }
        finally
        {
            File.Delete(list);
        }
    }

    /// <summary>
    /// Has <paramref name="write"/> make the object's new content in a work file (in the key's container: the muxer
    /// follows the file name), stores it at <paramref name="key"/>, and returns its size.
    /// </summary>
    private async Task<long> ReplaceAsync(
        string key, long bytes, string name, string doing, Func<string, Task> write, Func<FfmpegException, string> refusal, CancellationToken cancellationToken)
    {
        var area = work.Rewraps;
        try
        {
            area.EnsureFree(bytes, doing);
        }
        catch (InsufficientDiskSpaceException e)
        {
            throw new VideoImportException($"'{name}' was refused: {e.Message} Nothing was kept.", e);
        }

        Directory.CreateDirectory(area.Folder);
        var output = Path.Combine(area.Folder, $"{Guid.NewGuid():N}{Path.GetExtension(key).ToLowerInvariant()}");
        try
        {
            await write(output);
            var length = new FileInfo(output).Length;
            await storage.PutFileAsync(key, output, length, cancellationToken);
            return length;
        }
        catch (FfmpegException e)
        {
            throw new VideoImportException(refusal(e), e);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
