using Microsoft.Extensions.Options;
using VodManager.Core.Media;

namespace VodManager.Core.Export;

/// <summary>Runs the vertical encode into a work folder and checks the result is the profile's frame and not empty.</summary>
public sealed class VerticalRenderer(FfmpegRunner ffmpeg, MediaProbe probe, IOptions<ExportOptions> options)
{
    /// <param name="captionsAss">The ASS script to burn in, or null for none.</param>
    /// <param name="workFolder">A folder of this export alone; the caller deletes it.</param>
    public async Task<RenderedExport> RenderAsync(
        string input, MediaInfo media, ExportProfile profile, Framing framing, string? captionsAss, string workFolder, IProgress<double>? percent, CancellationToken cancellationToken)
    {
        string? captionsPath = null;
        if (captionsAss is not null)
        {
            captionsPath = Path.Combine(workFolder, "captions.ass");
            await File.WriteAllTextAsync(captionsPath, captionsAss, cancellationToken);
        }

        var graph = Path.Combine(workFolder, "graph.txt");
        await File.WriteAllTextAsync(graph, FfmpegArguments.VerticalFilterGraph(media.Width!.Value, media.Height!.Value, profile, framing, captionsPath), cancellationToken);
        var output = Path.Combine(workFolder, "export.mp4");
        await ffmpeg.RunAsync(FfmpegArguments.VerticalExport(input, graph, profile, output), output, TimeSpan.FromSeconds(media.DurationSeconds), percent, cancellationToken);

        var result = await probe.ProbeAsync(output, cancellationToken);
        var bytes = new FileInfo(output).Length;
        if (bytes < options.Value.MinOutputBytes || result.Width != profile.Width || result.Height != profile.Height || result.DurationSeconds <= 0)
        {
            throw new ExportException(
                $"The export came out as {result.Width}x{result.Height}, {result.DurationSeconds:0.##} s, {Core.ByteSize.Format(bytes)} instead of {profile.Width}x{profile.Height}; nothing was stored.");
        }

        return new RenderedExport(output, bytes, result);
    }
}
