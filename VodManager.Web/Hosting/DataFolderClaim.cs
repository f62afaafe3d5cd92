using VodManager.Core;

namespace VodManager.Web.Hosting;

/// <summary>
/// SQLite serves one running editor. A second one on the same data folder would run a second unclustered scheduler on
/// the same job store (which Quartz forbids: a job may run on both) and its start-up would sweep the temp files the
/// first is writing. The first
/// editor holds a file in the data folder open exclusively while it runs (the OS lets go of it when the process ends,
/// also by a crash); a second is refused at start. The command line does not take it: its verbs run their jobs
/// inline, beside a running editor.
/// </summary>
internal sealed class DataFolderClaim : IDisposable
{
    private readonly FileStream _file;

    private DataFolderClaim(FileStream file) => _file = file;

    public static DataFolderClaim Take(DataPaths paths) => new(paths.TryLock("vodmanager-editor") ?? throw new ConfigurationException(
        $"{VodManagerOptions.Section}:DataFolder",
        $"another VodManager editor is running on {paths.Root}; with SQLite one editor serves a data folder. Open that one, stop it first, give this one its own data folder, or run several nodes on PostgreSQL or SQL Server."));

    public void Dispose() => _file.Dispose();
}
