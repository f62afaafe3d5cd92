using VodManager.Core.Cutting;

namespace VodManager.Core;

/// <summary>
/// Where one kind of local work file lives: <see cref="Root"/> holds every node's folder (the start-up sweep empties
/// dead nodes' ones), <see cref="Folder"/> is this node's.
/// </summary>
/// <param name="MinFreeBytes">Space the disk must keep free after a write (Cutting:MinFreeDiskBytes).</param>
public sealed record WorkArea(string Root, string Folder, long MinFreeBytes)
{
    /// <summary>A new, not yet created folder in this node's folder for one piece of work.</summary>
    public string NewFolder(string name) => Path.Combine(Folder, $"{name}-{Guid.NewGuid():N}");

    /// <summary>
    /// The disk preflight of <see cref="DiskSpace.EnsureFree"/>. The node's own folder lies on the same disk as the
    /// root; an error names the root, the folder the setting names.
    /// </summary>
    public void EnsureFree(long neededBytes, string purpose) => DiskSpace.EnsureFree(Root, neededBytes, MinFreeBytes, purpose);
}
