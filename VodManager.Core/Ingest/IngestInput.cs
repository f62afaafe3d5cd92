using System.IO.Compression;
using System.Text;

namespace VodManager.Core.Ingest;

/// <summary>
/// A data file opened for one streaming pass: gzip is recognised by its magic bytes (whatever the file is called)
/// and decompressed on the fly under <see cref="IngestOptions.MaxDecompressedBytes"/>, UTF-16 text by its byte order
/// mark and read as UTF-8; reads report how far into the file they are, for progress.
/// </summary>
public sealed class IngestInput : IAsyncDisposable
{
    private readonly FileStream _file;

    private IngestInput(FileStream file, Stream content, string name)
    {
        _file = file;
        Content = content;
        Name = name;
    }

    /// <summary>The file name errors are reported under.</summary>
    public string Name { get; }

    /// <summary>The (decompressed) content; read it once, front to back.</summary>
    public Stream Content { get; }

    /// <summary>How much of the file on disk has been read, 0..1.</summary>
    public double Fraction => _file.Length == 0 ? 1 : Math.Clamp((double)_file.Position / _file.Length, 0, 1);

    /// <summary>The UTF-16 a byte order mark announces; null for any other start.</summary>
    private static Encoding? Utf16(byte[] magic) => magic switch
    {
        [0xFF, 0xFE] => Encoding.Unicode,
        [0xFE, 0xFF] => Encoding.BigEndianUnicode,
        _ => null,
    };

    public static async Task<IngestInput> OpenAsync(string path, IngestOptions options, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IngestException(name, e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : $"cannot be read ({e.Message})", inner: e);
        }

        try
        {
            if (file.Length == 0)
            {
                throw new IngestException(name, "the file is empty");
            }

            var magic = new byte[2];
            var read = await file.ReadAtLeastAsync(magic, 2, throwOnEndOfStream: false, cancellationToken);
            file.Position = 0;
            Stream content = read == 2 && magic[0] == 0x1f && magic[1] == 0x8b
                ? new GuardedReadStream(new GZipStream(file, CompressionMode.Decompress, leaveOpen: true), name, options.MaxDecompressedBytes)
                : new GuardedReadStream(file, name, long.MaxValue);
            if (read == 2 && Utf16(magic) is { } utf16)
            {
                // Windows saves text as UTF-16 more often than one would think (Notepad's "Unicode", PowerShell 5's `>`
                // redirection): read as the UTF-8 every parser expects; the byte order mark becomes UTF-8's, which they skip.
                content = Encoding.CreateTranscodingStream(content, utf16, Encoding.UTF8);
            }

            return new IngestInput(file, content, name);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync();
        await _file.DisposeAsync();
    }
}
