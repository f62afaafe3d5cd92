using System.Runtime.InteropServices;

namespace VodManager.Core.Ingest.Video;

/// <summary>
/// .NET reports /dev/zero, a FIFO or a socket as an ordinary file, and opening a FIFO blocks until someone writes to
/// it; so the kind comes from statx(2), whose layout is the same on every Linux architecture.
/// </summary>
public static class FileKinds
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;
    private const int FileTypeMask = 0xF000;

    public static FileKind Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return Portable(path);
        }

        var buffer = new byte[256];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) != 0)
        {
            return FileKind.Missing;
        }

        return (BitConverter.ToUInt16(buffer, ModeOffset) & FileTypeMask) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0x1000 => FileKind.NamedPipe,
            _ => FileKind.Socket,
        };
    }

    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Missing => "does not exist",
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a folder",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.NamedPipe => "a named pipe (FIFO)",
        _ => "a socket",
    };

    private static FileKind Portable(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            return FileKind.SymbolicLink;
        }

        return info.Exists ? FileKind.Regular : Directory.Exists(path) ? FileKind.Directory : FileKind.Missing;
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
