namespace VodManager.Testing;

/// <summary>
/// Folders that live as long as one test run (one process): generated media, unpacked fixtures, a migrated database
/// to copy. Each is made on first use under one folder of the run, removed once the process is gone.
/// </summary>
public static class RunFolder
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "vodmanager-tests", $"run-{Environment.ProcessId}");

    static RunFolder() => ChildProcess.AfterTestProcess($"rm -rf '{Root}'");

    /// <summary>This run's folder of that name, created if need be.</summary>
    public static string Get(string name) => Directory.CreateDirectory(Path.Combine(Root, name)).FullName;
}
