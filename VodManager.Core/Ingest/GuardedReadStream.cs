using VodManager.Core.Storage;

namespace VodManager.Core.Ingest;

/// <summary>
/// Read-only pass-through that stops a decompression bomb at a byte limit and turns a corrupt gzip stream into
/// an <see cref="IngestException"/> naming where it broke.
/// </summary>
internal sealed class GuardedReadStream(Stream inner, string name, long limit) : ReadOnlyStream(inner, ownsInner: true)
{
    private long _position;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return Count(Inner.Read(buffer));
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(e);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return Count(await Inner.ReadAsync(buffer, cancellationToken));
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(e);
        }
    }

    private int Count(int read)
    {
        _position += read;
        if (_position > limit)
        {
            throw new IngestException(name, $"expands to more than {ByteSize.Format(limit)} when decompressed (Ingest:MaxDecompressedBytes); refused as a likely zip bomb", byteOffset: limit);
        }

        return read;
    }

    private IngestException Corrupt(InvalidDataException e) =>
        new(name, $"the gzip data is corrupt or truncated ({e.Message})", byteOffset: _position, inner: e);
}
