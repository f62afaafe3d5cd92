using FFMpegCore;
using VodManager.Core.Media;

namespace VodManager.Core.Cutting;

/// <summary>
/// Checks a smart cut with ffprobe and a few decoded frames: the video lasts what was asked, starts on the asked
/// frame (matched against the source's neighbouring frames) and the audio lines up with it.
/// </summary>
public sealed class SmartCutVerifier(FfmpegRunner ffmpeg, FfmpegOptionsProvider ffmpegOptions)
{
    // Reference frames on each side of the asked start; the output's first frame is matched against all of them.
    private const int Neighbours = 2;

    public async Task<SmartCutCheck> CheckAsync(string source, string output, ClipBounds asked, double frameRate, string workFolder, CancellationToken cancellationToken)
    {
        var frame = 1 / frameRate;

        // The probe and the two frame decodes are independent short processes: run together, the check costs the
        // slowest of them, not their sum (it was a third of a smart cut's wall time).
        // WhenAll waits for both even when one fails, so no ffmpeg is left writing into a work folder about to go.
        var probing = FFProbe.AnalyseAsync(output, ffmpegOptions.Create(), cancellationToken: cancellationToken);
        var firstFrame = FirstFrameErrorAsync(source, output, asked.Start, frame, workFolder, cancellationToken);
        await Task.WhenAll(probing, firstFrame);
        var analysis = await probing;
        var video = analysis.PrimaryVideoStream ?? throw new CutException("The smart cut has no video stream.");
        var durationError = (video.Duration.TotalSeconds - asked.Duration) / frame;
        var audioOffset = 0.0;
        if (analysis.PrimaryAudioStream is { } audio)
        {
            var startGap = Math.Abs(audio.StartTime.TotalSeconds - video.StartTime.TotalSeconds);
            var endGap = Math.Abs(audio.StartTime.TotalSeconds + audio.Duration.TotalSeconds - video.StartTime.TotalSeconds - video.Duration.TotalSeconds);
            audioOffset = Math.Max(startGap, endGap) / frame;
        }

        return new SmartCutCheck(durationError, await firstFrame, audioOffset);
    }

    private async Task<int> FirstFrameErrorAsync(string source, string output, double start, double frame, string workFolder, CancellationToken cancellationToken)
    {
        var referenceStart = Math.Max(0, start - Neighbours * frame);
        var expected = (int)Math.Round((start - referenceStart) / frame);
        var outputThumb = Path.Combine(workFolder, "check-output.gray");
        var sourceThumbs = Path.Combine(workFolder, "check-source.gray");
        await Task.WhenAll(
            ffmpeg.RunAsync(FfmpegArguments.FrameThumbnails(output, 0, 1, outputThumb), outputThumb, null, null, cancellationToken),
            ffmpeg.RunAsync(FfmpegArguments.FrameThumbnails(source, referenceStart, expected + Neighbours + 1, sourceThumbs), sourceThumbs, null, null, cancellationToken));
        var first = await File.ReadAllBytesAsync(outputThumb, cancellationToken);
        var references = await File.ReadAllBytesAsync(sourceThumbs, cancellationToken);
        return FrameMatcher.BestMatch(first, references, expected) - expected;
    }
}
