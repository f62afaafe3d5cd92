namespace VodManager.Core.Ingest;

/// <summary>
/// A chat, events or transcript file was refused. The message names the file, where in it (line and/or byte
/// offset) and what is wrong; the import it belonged to was rolled back whole.
/// </summary>
public sealed class IngestException : UserFacingException
{
    public IngestException(string file, string problem, long? line = null, long? byteOffset = null, Exception? inner = null)
        : base(Format(file, problem, line, byteOffset), inner)
    {
        File = file;
        Problem = problem;
        Line = line;
        ByteOffset = byteOffset;
    }

    /// <summary>The file's name (not its full path, which may be a server folder the user never saw).</summary>
    public string File { get; }

    public string Problem { get; }

    /// <summary>1-based line, when known.</summary>
    public long? Line { get; }

    /// <summary>0-based byte offset into the (decompressed) content, when known.</summary>
    public long? ByteOffset { get; }

    private static string Format(string file, string problem, long? line, long? byteOffset)
    {
        var where = (line, byteOffset) switch
        {
            ({ } l, { } b) => $" line {l}, byte {b}:",
            ({ } l, null) => $" line {l}:",
            (null, { } b) => $" byte {b}:",
            _ => "",
        };
        return $"'{file}':{where} {problem}";
    }
}
