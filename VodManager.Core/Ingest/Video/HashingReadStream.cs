using VodManager.Core.Storage;

namespace VodManager.Core.Ingest.Video;

/// <summary>
/// What an import reads its source through: every byte is hashed and counted on the way to storage, and a byte
/// limit stops the copy the moment it is passed (a source that lied about its size, or never said it).
/// </summary>
public sealed class HashingReadStream(Stream inner, ContentHasher hasher, long maxBytes, Func<long, Exception> overLimit, Action<long>? bytesRead = null) : ReadOnlyStream(inner, ownsInner: false)
{
    public long BytesRead => hasher.Bytes;

    public override long Position { get => hasher.Bytes; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer) => Took(buffer, Inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await Inner.ReadAsync(buffer, cancellationToken);
        return Took(buffer.Span, read);
    }

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
}
