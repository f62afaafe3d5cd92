using System.Globalization;
using FFMpegCore;
using FFMpegCore.Exceptions;
using VodManager.Core.Diagnostics;

namespace VodManager.Core.Media;

/// <summary>Reads duration, codecs and size of a media file or URL with ffprobe.</summary>
public sealed class MediaProbe(FfmpegOptionsProvider ffmpeg)
{
    public Task<MediaInfo> ProbeAsync(string input, CancellationToken cancellationToken) => ProbeAsync(input, [], cancellationToken);

    /// <summary>Probes a file nobody vouched for yet: only video containers and the input's own protocol are opened.</summary>
    public Task<MediaInfo> ProbeUntrustedAsync(string input, CancellationToken cancellationToken) =>
        ProbeAsync(input, FfmpegArguments.UntrustedInputOptions(input), cancellationToken);

    private async Task<MediaInfo> ProbeAsync(string input, IReadOnlyList<string> options, CancellationToken cancellationToken)
    {
        var customArguments = string.Join(' ', [.. options, .. FfmpegArguments.UrlReadArguments(input)]);
        IMediaAnalysis analysis;
        using var activity = VodActivities.Start(VodActivities.Ffprobe);
        try
        {
            analysis = HttpUrl.TryParse(input, out var uri)
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
        var rotation = video is null ? 0 : QuarterTurns(video.Rotation);
        var sideways = rotation is 90 or 270;
        return new MediaInfo(
            duration.TotalSeconds,
            analysis.Format.FormatName,
            video?.CodecName,
            sideways ? video?.Height : video?.Width,
            sideways ? video?.Width : video?.Height,
            video is { AverageFrameRate: > 0 } ? video.AverageFrameRate : null,
            audio?.CodecName,
            audio?.SampleRateHz,
            analysis.Format.BitRate,
            video is { Duration.Ticks: > 0 } ? video.Duration.TotalSeconds : null)
        {
            StartSeconds = Math.Max(0, analysis.Format.StartTime.TotalSeconds),
            Rotation = rotation,
        };
    }

    /// <summary>ffprobe's display-matrix angle (-90, 270, -180, …) as 0, 90, 180 or 270.</summary>
    internal static int QuarterTurns(double degrees) => (int)(((Math.Round(degrees / 90) * 90 % 360) + 360) % 360);

    // Job errors reach editors: never a SAS signature, nor the server's folders (callers name the VOD they probed).
    private static string Describe(string input) =>
        HttpUrl.TryParse(input, out var uri)
            ? uri.GetLeftPart(UriPartial.Path)
            : Path.GetFileName(input);

    private static string FirstLine(string message) =>
        message.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? message.ToString(CultureInfo.InvariantCulture);
}
