namespace VodManager.Core.Nodes;

/// <summary>Which nodes were alive when a sweep looked. An id with no row (or a row of a dead node) is dead; this node is always alive.</summary>
public sealed class NodeCensus(string self, IReadOnlySet<string> live)
{
    public bool IsLive(string nodeId) => nodeId == self || live.Contains(nodeId);

    /// <summary>
    /// Removes what dead nodes left under a folder of per-node folders (<see cref="LocalNode.FolderIn"/>), and any
    /// loose file there (written before work was kept per node). Returns how many files went.
    /// </summary>
    public int PurgeDeadWork(string root)
    {
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(root).Where(d => !IsLive(Path.GetFileName(d))).ToList())
        {
            try
            {
                removed += Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Count();
                Directory.Delete(folder, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
                // Another node on this data folder swept it first.
            }
        }

        foreach (var file in Directory.EnumerateFiles(root).ToList())
        {
            File.Delete(file);
            removed++;
        }

        return removed;
    }
}
