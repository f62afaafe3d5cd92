namespace VodManager.Core.Cutting;

/// <summary>
/// Free-space preflight before anything large is written: failing at once with "needed vs free" beats a disk that
/// fills up half-way through a 40 GB upload and takes the database down with it.
/// </summary>
public static class DiskSpace
{
    /// <summary>Free bytes on the filesystem that holds <paramref name="folder"/> (created if missing).</summary>
    public static long FreeBytes(string folder)
    {
        Directory.CreateDirectory(folder);
        return new DriveInfo(Path.GetFullPath(folder)).AvailableFreeSpace;
    }

    /// <summary>Throws <see cref="InsufficientDiskSpaceException"/> unless <paramref name="neededBytes"/> fit and <paramref name="keepFreeBytes"/> stay free.</summary>
    /// <param name="purpose">What the space is for, in the user's words ("the cut of highlight 12").</param>
    public static void EnsureFree(string folder, long neededBytes, long keepFreeBytes, string purpose)
    {
        var free = FreeBytes(folder);
        if (free - neededBytes < keepFreeBytes)
        {
            throw new InsufficientDiskSpaceException(
                $"Not enough free disk space for {purpose} in '{folder}': needs {ByteSize.Format(neededBytes)} "
                + $"plus {ByteSize.Format(keepFreeBytes)} kept free (Cutting:MinFreeDiskBytes), has {ByteSize.Format(free)} free.",
                neededBytes, free, keepFreeBytes);
        }
    }
}
