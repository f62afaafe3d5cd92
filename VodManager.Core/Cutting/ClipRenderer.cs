using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VodManager.Core.Media;

namespace VodManager.Core.Cutting;

/// <summary>
/// Turns a range of a source into a local clip file in the asked mode. A smart cut is checked after it is joined and
/// redone as a precise cut when the check fails; the fallback and its reason travel with the result.
/// </summary>
public sealed class ClipRenderer(
    FfmpegRunner ffmpeg,
    MediaProbe probe,
    KeyframeReader keyframes,
    SmartCutVerifier verifier,
    IOptions<CuttingOptions> options,
    ILogger<ClipRenderer> logger)
{
    /// <param name="workFolder">A folder of this cut alone; the caller deletes it.</param>
    public async Task<RenderedClip> RenderAsync(ClipSource source, ClipBounds bounds, CutMode mode, string workFolder, IProgress<double>? percent, CancellationToken cancellationToken)
    {
        var output = Path.Combine(workFolder, "clip.mp4");
        switch (mode)
        {
            case CutMode.Copy:
                await ffmpeg.RunAsync(FfmpegArguments.CopyCut(source.Input, bounds.Start, bounds.Duration, output), output, TimeSpan.FromSeconds(bounds.Duration), percent, cancellationToken);
                if (source.Index is { Keyframes.Length: > 0 } index)
                {
                    // The index says where the copy starts, and a stream copy keeps the source's codecs and frame
                    // size: probing the output would only repeat that, at the price of a process per clip.
                    var start = CopyCutPlanner.Plan(index, bounds.Start, bounds.End).RealStart;
                    var duration = bounds.End - start;
                    return new RenderedClip(output, CutMode.Copy, start, bounds.End, source.Media with { DurationSeconds = duration, VideoDurationSeconds = duration, BitRate = null }, null);
                }

                var media = await probe.ProbeAsync(output, cancellationToken);
                return new RenderedClip(output, CutMode.Copy, CopyStart(bounds, media), bounds.End, media, null);
            case CutMode.Precise:
                return await PreciseAsync(source, bounds, output, null, percent, cancellationToken);
            default:
                return await SmartAsync(source, bounds, workFolder, output, percent, cancellationToken);
        }
    }

    /// <summary>
    /// The keyframe a copy cut without the cached index starts on, read off the output's probe: its video runs from
    /// that keyframe to the asked end (reading the source's keyframes instead would read the whole source).
    /// </summary>
    private static double CopyStart(ClipBounds bounds, MediaInfo output)
    {
        var videoSeconds = output.VideoDurationSeconds ?? throw new CutException("The copy cut's output has no video stream.");
        return Math.Round(Math.Clamp(bounds.End - videoSeconds, 0, bounds.Start), 3);
    }

    private async Task<RenderedClip> PreciseAsync(ClipSource source, ClipBounds bounds, string output, string? fallbackReason, IProgress<double>? percent, CancellationToken cancellationToken)
    {
        await ffmpeg.RunAsync(FfmpegArguments.PreciseCut(source.Input, bounds.Start, bounds.Duration, output, Encode), output, TimeSpan.FromSeconds(bounds.Duration), percent, cancellationToken);
        var media = await probe.ProbeAsync(output, cancellationToken);
        return new RenderedClip(output, CutMode.Precise, bounds.Start, bounds.End, media, fallbackReason);
    }

    private async Task<RenderedClip> SmartAsync(ClipSource source, ClipBounds bounds, string workFolder, string output, IProgress<double>? percent, CancellationToken cancellationToken)
    {
        if (source.Media.VideoCodec != "h264" || source.Media.FrameRate is not { } fps)
        {
            return await PreciseAsync(source, bounds, output, $"smart cut joins H.264 with a known frame rate; the source is {source.Media.VideoCodec ?? "without video"}", percent, cancellationToken);
        }

        // Each joined part counts from its own first frame, so a head asked to start between two frames (they can be
        // a fifth of a second apart where a variable-rate recording slows) would run early against the sound by the
        // gap: start on the frame.
        var (firstFrame, decodeDelay) = await keyframes.FirstFrameFromAsync(source.Input, bounds.Start, cancellationToken);
        bounds = firstFrame < bounds.End - 1 / fps ? bounds with { Start = firstFrame } : bounds;
        // Without the cached index only the range's keyframes are read: listing the whole source's packets would read
        // all of it, from remote storage too.
        var sourceKeyframes = source.Index?.Keyframes ?? await keyframes.ReadAsync(source.Input, bounds.Start, bounds.End + 1, cancellationToken);
        var plan = SmartCutPlan.Create(sourceKeyframes, bounds, 1 / fps);
        if (plan.Middle is null)
        {
            return await PreciseAsync(source, bounds, output, "the range holds no whole GOP to copy", percent, cancellationToken);
        }

        try
        {
            await JoinPartsAsync(source, bounds, plan, decodeDelay, workFolder, output, cancellationToken);
            percent?.Report(70);
            var probing = probe.ProbeAsync(output, cancellationToken);
            var check = await verifier.CheckAsync(output, bounds, plan, sourceKeyframes, fps, cancellationToken);
            var media = await probing;
            if (media.Rotation != source.Media.Rotation)
            {
                // Its edges were kept as stored to join the copied middle: without the source's turn the clip would play sideways.
                logger.LogWarning("Smart cut of {Bounds} came out turned by {Rotation}° where the source is turned by {SourceRotation}°; redoing it as a precise cut", bounds, media.Rotation, source.Media.Rotation);
                return await PreciseAsync(source, bounds, output, $"the joined clip lost the source's rotation ({source.Media.Rotation}°)", percent, cancellationToken);
            }

            if (check.Passed)
            {
                percent?.Report(100);
                return new RenderedClip(output, CutMode.Smart, bounds.Start, bounds.End, media, null);
            }

            logger.LogWarning("Smart cut of {Bounds} failed its check ({Check}); redoing it as a precise cut", bounds, check);
            return await PreciseAsync(source, bounds, output, check.ToString(), percent, cancellationToken);
        }
        catch (FfmpegException e)
        {
            logger.LogWarning(e, "Smart cut of {Bounds} could not be joined; redoing it as a precise cut", bounds);
            return await PreciseAsync(source, bounds, output, $"joining the parts failed: {e.Message}", percent, cancellationToken);
        }
    }

    private async Task JoinPartsAsync(ClipSource source, ClipBounds bounds, SmartCutPlan plan, double decodeDelay, string workFolder, string output, CancellationToken cancellationToken)
    {
        var video = plan.Parts.Select((part, i) => new SmartPartOutput(part.Start, part.Duration, part.Copy, Path.Combine(workFolder, $"part{i}.ts"), decodeDelay)).ToList();
        var audio = source.Media.HasAudio ? new SmartPartOutput(bounds.Start, bounds.Duration, false, Path.Combine(workFolder, "audio.m4a")) : null;
        var edges = Encode with { Preset = options.Value.SmartEdgePreset };
        await ffmpeg.RunAsync(FfmpegArguments.SmartParts(source.Input, video, audio, edges), null, null, null, cancellationToken);
        var list = Path.Combine(workFolder, "parts.ffconcat");
        await File.WriteAllTextAsync(list, FfmpegArguments.ConcatList(video.Select(p => (p.Output, p.Duration))), cancellationToken);
        await ffmpeg.RunAsync(FfmpegArguments.SmartJoin(list, audio?.Output, source.Media.Rotation, output), output, null, null, cancellationToken);
    }

    private ReencodeSettings Encode => new(options.Value.ReencodePreset, options.Value.ReencodeCrf, options.Value.ReencodeAudioKbps);
}
