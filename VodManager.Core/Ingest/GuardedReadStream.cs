namespace VodManager.Core.Ingest;

/// <summary>
/// Read-only pass-through that stops a decompression bomb at a byte limit and turns a corrupt gzip stream into
/// an <see cref="IngestException"/> naming where it broke.
/// </summary>
internal sealed class GuardedReadStream(Stream inner, string name, long limit) : Stream
{
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return Count(inner.Read(buffer));
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(e);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return Count(await inner.ReadAsync(buffer, cancellationToken));
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

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }
}
