namespace VodManager.Core.Ingest;

public enum ChatReadMode
{
    /// <summary>Everything, for storing: author id and name, text.</summary>
    Full,

    /// <summary>Only what detection needs (offset, author key, emotes, bits, notices): no per-line strings.</summary>
    Signals,
}
