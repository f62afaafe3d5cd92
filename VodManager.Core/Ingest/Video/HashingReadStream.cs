namespace VodManager.Core.Ingest.Video;

/// <summary>
/// What an import reads its source through: every byte is hashed and counted on the way to storage, and a byte
/// limit stops the copy the moment it is passed (a source that lied about its size, or never said it).
/// </summary>
public sealed class HashingReadStream(Stream inner, ContentHasher hasher, long maxBytes, Func<long, Exception> overLimit, Action<long>? bytesRead = null) : Stream
{
    public long BytesRead => hasher.Bytes;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => hasher.Bytes; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Took(buffer, inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Took(buffer.Span, read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Took(Span<byte> buffer, int read)
    {
        if (hasher.Bytes + read > maxBytes)
        {
            throw overLimit(hasher.Bytes + read);
        }

        hasher.Append(buffer[..read]);
        if (read > 0)
        {
            bytesRead?.Invoke(hasher.Bytes);
        }

        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
