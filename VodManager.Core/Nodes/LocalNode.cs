namespace VodManager.Core.Nodes;

/// <summary>
/// This process as the other nodes on the database know it: a fresh id per start, and where it runs. Its local work
/// (temp folders, partial writes) carries the id, so a sweep can tell whether the process that owns it still lives.
/// </summary>
public sealed class LocalNode
{
    public string Id { get; } = Guid.NewGuid().ToString("N");

    public string Host { get; } = CurrentHost();

    public int ProcessId { get; } = Environment.ProcessId;

    /// <summary>
    /// This node's folder under a folder nodes may share (<see cref="DataPaths.WorkRoot"/>): named by its id, so a
    /// start-up sweep on any node removes a dead node's leftovers there and never a live one's.
    /// </summary>
    public string FolderIn(string root) => Path.Combine(root, Id);

    /// <summary>
    /// The machine name plus, on Linux, the process-id namespace: containers that share a host name (host networking)
    /// each have their own process ids, and only within one namespace does "no process with that id" mean dead.
    /// </summary>
    private static string CurrentHost()
    {
        var name = Environment.MachineName;
        try
        {
            return new FileInfo("/proc/self/ns/pid").LinkTarget is { } ns ? $"{name}/{ns}" : name;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return name;
        }
    }
}
