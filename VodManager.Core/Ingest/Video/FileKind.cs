namespace VodManager.Core.Ingest.Video;

/// <summary>What a path is, read with lstat semantics (a symbolic link is reported as a link, not followed).</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    CharacterDevice,
    BlockDevice,
    NamedPipe,
    Socket,
}
