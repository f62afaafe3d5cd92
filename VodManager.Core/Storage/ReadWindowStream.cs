namespace VodManager.Core.Storage;

/// <summary>A read-only view of the next <c>length</c> bytes of an inner stream; disposes the inner stream.</summary>
internal sealed class ReadWindowStream(Stream inner, long windowLength) : ReadOnlyStream(inner, ownsInner: true)
{
    private readonly long _length = windowLength;
    private long _remaining = windowLength;

    public override long Length => _length;
    public override long Position { get => _length - _remaining; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer)
    {
        if (_remaining <= 0)
        {
            return 0;
        }

        var read = Inner.Read(buffer[..(int)Math.Min(buffer.Length, _remaining)]);
        _remaining -= read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_remaining <= 0)
        {
            return 0;
        }

        var read = await Inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _remaining)], cancellationToken);
        _remaining -= read;
        return read;
    }
}
