using System.Diagnostics;
using System.Text;
using VodManager.Core.Diagnostics;

namespace VodManager.Core.Media;

/// <summary>
/// Runs ffprobe and streams its stdout line by line. Packet listings of a 12-hour stream run to millions of lines,
/// which FFMpegCore's FFProbe would buffer whole; this never holds more than one line.
/// </summary>
public sealed class FfprobeRunner(FfmpegOptionsProvider options)
{
    public async Task RunAsync(IReadOnlyList<string> arguments, Action<string> onLine, CancellationToken cancellationToken)
    {
        var folder = options.Create().BinaryFolder;
        var info = new ProcessStartInfo(string.IsNullOrEmpty(folder) ? "ffprobe" : Path.Combine(folder, "ffprobe"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var activity = VodActivities.Start(VodActivities.Ffprobe);
        using var process = Process.Start(info) ?? throw new FfmpegException("ffprobe could not be started.");
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
            {
                onLine(line);
            }

            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            var error = (await stderr).Trim();
            throw new FfmpegException($"ffprobe exited with code {process.ExitCode}: {(error.Length > 500 ? error[..500] : error)}");
        }
    }
}
