using System.Globalization;
using FFMpegCore;
using FFMpegCore.Exceptions;

namespace VodManager.Core.Media;

/// <summary>Reads duration, codecs and size of a media file or URL with ffprobe.</summary>
public sealed class MediaProbe(FfmpegOptionsProvider ffmpeg)
{
    public Task<MediaInfo> ProbeAsync(string input, CancellationToken cancellationToken) => ProbeAsync(input, null, cancellationToken);

    /// <summary>Probes a file nobody vouched for yet: only video containers and the input's own protocol are opened.</summary>
    public Task<MediaInfo> ProbeUntrustedAsync(string input, CancellationToken cancellationToken) =>
        ProbeAsync(input, string.Join(' ', FfmpegArguments.UntrustedInputOptions(input)), cancellationToken);

    private async Task<MediaInfo> ProbeAsync(string input, string? customArguments, CancellationToken cancellationToken)
    {
        IMediaAnalysis analysis;
        try
        {
            analysis = Uri.TryCreate(input, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? await FFProbe.AnalyseAsync(uri, ffmpeg.Create(), customArguments, cancellationToken)
                : await FFProbe.AnalyseAsync(input, ffmpeg.Create(), customArguments, cancellationToken);
        }
        catch (Exception e) when (e is FFMpegException or System.Text.Json.JsonException)
        {
            throw new FfmpegException($"ffprobe could not read '{Describe(input)}' as media: {FirstLine(e.Message)}", e);
        }

        var video = analysis.PrimaryVideoStream;
        var audio = analysis.PrimaryAudioStream;
        var duration = analysis.Format.Duration > TimeSpan.Zero ? analysis.Format.Duration : analysis.Duration;
        return new MediaInfo(
            duration.TotalSeconds,
            analysis.Format.FormatName,
            video?.CodecName,
            video?.Width,
            video?.Height,
            video is { AverageFrameRate: > 0 } ? video.AverageFrameRate : null,
            audio?.CodecName,
            audio?.SampleRateHz,
            analysis.Format.BitRate);
    }

    /// <summary>The first video stream's own duration (the container's may be longer by the audio's tail).</summary>
    public async Task<double> VideoDurationAsync(string path, CancellationToken cancellationToken)
    {
        var analysis = await FFProbe.AnalyseAsync(path, ffmpeg.Create(), cancellationToken: cancellationToken);
        return analysis.PrimaryVideoStream?.Duration.TotalSeconds ?? throw new FfmpegException($"'{Describe(path)}' has no video stream.");
    }

    private static string Describe(string input) =>
        Uri.TryCreate(input, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.GetLeftPart(UriPartial.Path) // never log a SAS signature
            : input;

    private static string FirstLine(string message) =>
        message.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? message.ToString(CultureInfo.InvariantCulture);
}
