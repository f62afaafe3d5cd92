namespace VodManager.Core.Cutting;

/// <summary>A write was refused before it started because the disk has too little free space; says needed vs free.</summary>
/// <remarks>The numbers let a caller that must not show the server's folders (an upload answer) say the same in its own words.</remarks>
public sealed class InsufficientDiskSpaceException(string message, long neededBytes, long freeBytes, long keepFreeBytes) : Exception(message)
{
    public long NeededBytes { get; } = neededBytes;

    public long FreeBytes { get; } = freeBytes;

    /// <summary>What must stay free after the write (Cutting:MinFreeDiskBytes).</summary>
    public long KeepFreeBytes { get; } = keepFreeBytes;

    /// <summary>The shortfall in words that name no server folder, for an answer a user reads.</summary>
    public string Shortfall =>
        $"the server's disk has {ByteSize.Format(FreeBytes)} free, needs {ByteSize.Format(NeededBytes)} more and keeps {ByteSize.Format(KeepFreeBytes)} free (setting {CuttingOptions.Section}:MinFreeDiskBytes)";
}
