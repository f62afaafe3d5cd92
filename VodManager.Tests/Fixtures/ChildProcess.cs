using System.Diagnostics;

namespace VodManager.Tests.Fixtures;

/// <summary>
/// Starts a helper process (Azurite, the app) that dies with the test run even if the test host is killed:
/// a small shell watchdog ends it once the test process is gone.
/// </summary>
public static class ChildProcess
{
    public static Process Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null, IDictionary<string, string>? environment = null)
    {
        var quoted = string.Join(' ', new[] { fileName }.Concat(arguments).Select(Quote));
        var parent = Environment.ProcessId;
        var script = $"{quoted} & child=$!; (while kill -0 {parent} 2>/dev/null; do sleep 1; done; kill -9 $child 2>/dev/null) & wait $child";
        var info = new ProcessStartInfo("/bin/bash")
        {
            ArgumentList = { "-c", script },
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}");
    }

    /// <summary>Kills the whole process tree and waits for it.</summary>
    public static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
