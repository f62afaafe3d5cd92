using FFMpegCore;
using Microsoft.Extensions.Options;

namespace VodManager.Core.Media;

/// <summary>Builds the FFOptions every ffmpeg/ffprobe call gets; nothing touches FFMpegCore's global options.</summary>
public sealed class FfmpegOptionsProvider(IOptions<MediaOptions> options, DataPaths paths)
{
    public FFOptions Create() => new()
    {
        BinaryFolder = ResolveBinaryFolder(options.Value.FfmpegFolder),
        TemporaryFilesFolder = paths.Temp,
    };

    private static string ResolveBinaryFolder(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "ffmpeg")));
        return onPath ?? "";
    }
}
