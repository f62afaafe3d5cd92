using System.Diagnostics;
using System.Globalization;

namespace VodManager.Testing;

/// <summary>
/// Starts a helper process (a server, the app) in a process group of its own that dies with the test run even if the
/// test host is killed: a small shell watchdog in the group kills the group once the test process is gone.
/// </summary>
public static class ChildProcess
{
    public static Process Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null, IDictionary<string, string>? environment = null)
    {
        var quoted = string.Join(' ', new[] { fileName }.Concat(arguments).Select(Quote));
        var parent = Environment.ProcessId;

        // setsid makes the wrapper shell the leader of a new group ($$ is its pid, in the watchdog subshell too).
        var script = $"{quoted} & child=$!; (while kill -0 {parent} 2>/dev/null; do sleep 1; done; kill -9 -- -$$) & wait $child";
        var info = new ProcessStartInfo("setsid")
        {
            ArgumentList = { "/bin/bash", "-c", script },
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

    /// <summary>
    /// Runs a bash <paramref name="command"/> once the test process is gone, however it ended: the test runner kills
    /// the test host shortly after its last test, often before slower exit handlers (a server's stop) get to run, and
    /// a killed run runs none. Started in a session of its own, so a kill of the run's whole group spares it.
    /// </summary>
    public static void AfterTestProcess(string command) =>
        Process.Start("/bin/bash", ["-c", $"setsid /bin/bash -c \"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; {command}\" >/dev/null 2>&1 < /dev/null &"])?.WaitForExit();

    /// <summary>
    /// SIGKILLs the whole process group (the wrapper, its watchdog, the process and whatever it started, ffmpeg
    /// included) and waits until every member is gone and reaped, as a restart would find it. Killing the tree one
    /// process at a time left a stopped wrapper behind.
    /// </summary>
    public static void Stop(Process process)
    {
        // Quiet: the group may be gone already (a node the test killed before its clean-up).
        SignalGroup(process.Id, "-KILL");
        try
        {
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        // The app is the wrapper's child: once orphaned it is reaped by init, which may take a moment.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (SignalGroup(process.Id, "-0") && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
        }
    }

    /// <returns>True when the group still had a member to signal.</returns>
    private static bool SignalGroup(int groupId, string signal)
    {
        var info = new ProcessStartInfo("kill") { ArgumentList = { signal, "--", "-" + groupId.ToString(CultureInfo.InvariantCulture) }, RedirectStandardError = true, UseShellExecute = false };
        using var kill = Process.Start(info)!;
        kill.StandardError.ReadToEnd();
        kill.WaitForExit(10_000);
        return kill.ExitCode == 0;
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
