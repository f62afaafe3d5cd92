namespace VodManager.Core;

/// <summary>The folders under the data folder, resolved once; everything that writes local files asks here.</summary>
public sealed class DataPaths
{
    public DataPaths(string dataFolder)
    {
        Root = Path.GetFullPath(dataFolder);
    }

    public string Root { get; }
    public string Database => Path.Combine(Root, "vodmanager.db");
    public string JobStore => Path.Combine(Root, "jobs.db");
    public string Storage => Path.Combine(Root, "storage");
    public string Temp => Path.Combine(Root, "tmp");
    public string Demo => Path.Combine(Root, "demo");

    /// <summary>
    /// Where one kind of work file ("cuts", "exports", "refine") lives: <see cref="Temp"/>/kind, or the folder a
    /// setting names instead. Each node writes in a folder of its own below it (<see cref="Nodes.LocalNode.FolderIn"/>).
    /// </summary>
    public string WorkRoot(string kind, string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? Path.Combine(Temp, kind) : Path.GetFullPath(configured);

    /// <summary>
    /// Holds <paramref name="name"/>.lock in the data folder exclusively, or null when another process on this data
    /// folder holds it. Dispose the stream to let go; the OS lets go of it when the process ends, also by a crash.
    /// </summary>
    public FileStream? TryLock(string name)
    {
        Directory.CreateDirectory(Root);
        var path = Path.Combine(Root, $"{name}.lock");
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }

    /// <summary>Creates the folders and proves the data folder is writable, naming the setting when it is not.</summary>
    public void EnsureWritable()
    {
        try
        {
            foreach (var dir in new[] { Root, Temp })
            {
                Directory.CreateDirectory(dir);
            }

            var probe = Path.Combine(Root, $".write-probe-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{VodManagerOptions.Section}:DataFolder", $"the data folder '{Root}' is not writable: {e.Message}");
        }
    }
}
