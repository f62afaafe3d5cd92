using Microsoft.Extensions.Options;
using VodManager.Core.Export.Captions;
using VodManager.Core.Media;

namespace VodManager.Core.Export;

/// <summary>Runs the vertical encode into a work folder and checks the result is the profile's frame and not empty.</summary>
public sealed class VerticalRenderer(FfmpegRunner ffmpeg, MediaProbe probe, IOptions<ExportOptions> options)
{
    /// <param name="captions">The caption sheets to burn in (none for a plain export).</param>
    /// <param name="workFolder">A folder of this export alone; the caller deletes it.</param>
    public async Task<RenderedExport> RenderAsync(
        string input, MediaInfo media, ExportProfile profile, Framing framing, IReadOnlyList<CaptionSheet> captions, string workFolder, IProgress<double>? percent, CancellationToken cancellationToken)
    {
        var overlays = new List<CaptionOverlay>();
        foreach (var sheet in captions)
        {
            var path = Path.Combine(workFolder, $"captions-{overlays.Count}.ass");
            var perFrame = sheet.HeldBytes > options.Value.MaxCaptionSheetBytes;
            var scroll = perFrame ? null : sheet.Scroll();
            var script = perFrame ? AssDocument.WriteTimed(sheet) : scroll is null ? AssDocument.WriteSheet(sheet) : AssDocument.WriteStrips(sheet, scroll);
            await File.WriteAllTextAsync(path, script, cancellationToken);
            overlays.Add(new CaptionOverlay(path, sheet, perFrame, scroll));
        }

        var graph = Path.Combine(workFolder, "graph.txt");
        await File.WriteAllTextAsync(graph, FfmpegArguments.VerticalFilterGraph(media.Width!.Value, media.Height!.Value, profile, framing, overlays), cancellationToken);
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
